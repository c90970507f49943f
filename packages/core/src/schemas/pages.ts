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
  adminTags: '/admin/tags',
  profile: '/u/:username',
} as const;

/** Where a share link points: the page that shows the shared item. */
export const shareUrlFor = (shareCode: string): string => PAGES.sharedMedia.replace(':code', shareCode);

/** A community item's own page (its permalink, with OpenGraph tags for link previews). */
export const communityItemUrl = (id: number): string => PAGES.communityItem.replace(':id', String(id));

/** A user's profile: their community items, newest first. */
export const profileUrl = (username: string): string => PAGES.profile.replace(':username', encodeURIComponent(username));

/** The feeds anyone can follow, for the same query as GET /api/community (`?tags=night&user=ann`). */
export const FEED_FORMATS = {
  rss: { path: '/community/feed.xml', type: 'application/rss+xml', name: 'RSS' },
  atom: { path: '/community/feed.atom', type: 'application/atom+xml', name: 'Atom' },
  json: { path: '/community/feed.json', type: 'application/feed+json', name: 'JSON Feed' },
} as const;
export type TFeedFormat = keyof typeof FEED_FORMATS;
