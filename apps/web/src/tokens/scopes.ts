import type { TTokenScope } from '@mediashare/core/schemas';

/** What each scope lets a token do; the form and the help text say it the same way. */
export const SCOPE_DESCRIPTIONS: Record<TTokenScope, string> = {
  read: 'Reading your vault: listing your media and downloading the files.',
  share: 'Changing it: uploading, sharing and deleting.',
};
