/**
 * The document's tags, in the order the docs page shows them. A route's `tag` must be one of these, so
 * every tag an operation uses is declared with its description.
 */
export const TAGS = {
  Accounts: 'Create an account, sign in and out, and read who is signed in. Sign-in sets the session cookie.',
  Vault: "The caller's private media: upload, list, read, download with Range, delete.",
  Sharing: 'Share links and the Community feed: share by id or by storage path, unshare from the Community, remove sharing.',
  'Share links': 'What anyone holding a share link sees, and its file. No sign-in needed.',
  Community: 'The public feed of shared media, the canonical tags, and the limits clients check before sending.',
  Moderation:
    'The Community sharing policy and consent receipts, reports (anyone may file them), and the admin queue, takedowns and moderation log. Admin routes answer 404 to everyone else.',
  'API tokens': 'Personal API tokens for other apps, sent as `Authorization: Bearer msk_...`. Managed from a session only.',
  Instance:
    'Running the instance, for admins: invites (with REGISTRATION=invite), what each account may store, and the tag vocabulary (aliases, labels, merges).',
  Internal: 'Calls from internal apps that generate media, authorized by INTERNAL_API_TOKEN.',
  Files: 'Public files of the local storage driver, at the path Supabase Storage uses for its public buckets.',
  Operations: 'Liveness for load balancers, this document and its docs page.',
} as const;

export type TagName = keyof typeof TAGS;
