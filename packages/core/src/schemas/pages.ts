/**
 * The pages the SPA owns, as wouter patterns. The API answers each with the app's index.html, so a
 * link pasted into a browser opens (apps/api/src/spa.ts).
 */
export const PAGES = {
  home: '/',
  vault: '/vault',
  signIn: '/login',
  register: '/register',
  community: '/community',
  tokens: '/tokens',
  exposure: '/exposure',
  sharedMedia: '/shared/media/:code',
  communityItem: '/community/:id',
  account: '/account',
  resetPassword: '/reset-password/:token',
  twoFactor: '/account/two-factor',
  adminInvites: '/admin/invites',
  adminUsers: '/admin/users',
} as const;

/** Where a share link points: the page that shows the shared item. */
export const shareUrlFor = (shareCode: string): string => PAGES.sharedMedia.replace(':code', shareCode);

/** A community item's own page (its permalink, with OpenGraph tags for link previews). */
export const communityItemUrl = (id: number): string => PAGES.communityItem.replace(':id', String(id));
