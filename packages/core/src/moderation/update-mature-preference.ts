import type { CoreDeps } from '../deps';

/** The viewer's own setting: show mature Community items without a click, or blur them. */
export const updateMaturePreference = async (
  { db }: Pick<CoreDeps, 'db'>,
  { userId, showMature }: { userId: number; showMature: boolean },
) => {
  await db.users.setShowMature(userId, showMature);
  return { showMature };
};
