import { formatStorageBytes } from '../schemas/instance';
import { defineErrors } from './define-errors';

const plural = (items: readonly unknown[], word: string) => (items.length > 1 ? `${word}s` : word);
const retryAfter = ({ retryAfter }: { retryAfter: number }) => ({ 'Retry-After': String(retryAfter) });

interface RateLimitedParams {
  budget: string;
  scope: string;
  limit: number;
  windowSeconds: number;
  retryAfter: number;
}

interface Readiness {
  database: 'ok' | 'unavailable';
  storage: 'ok' | 'unavailable';
}

/**
 * Every error mediashare answers with, by code: its status, its message (with its parameters) and any
 * extra body fields or headers. Domain code throws `ERRORS.<code>(...)`; REST answers
 * `{ "message", ...body }` with the status and headers, tRPC a TRPCError with the same message and the
 * body fields in `error.data`.
 */
export const ERRORS = defineErrors({
  // The API documentation of POST /api/media/:id/share fixes these word for word (catalog.test.ts pins them).
  invalidMediaId: { status: 400, message: 'Invalid media ID' },
  policyRequired: { status: 400, message: 'Policy confirmation is required for upload sharing' },
  tagsRequired: { status: 400, message: 'At least one tag is required for upload sharing' },
  mediaNotFound: { status: 404, message: 'Media not found' },
  shareLinkFailed: { status: 500, message: 'Failed to create share link' },
  shareFailed: { status: 500, message: 'Failed to share media' },

  // Who is calling (the authorization policy, auth/authorize.ts).
  authRequired: { status: 401, message: 'Authentication required' },
  malformedAuthorization: { status: 401, message: 'Malformed Authorization header: expected "Bearer <token>"' },
  invalidApiToken: { status: 401, message: 'Invalid, revoked or expired API token' },
  missingScope: { status: 403, message: ({ scope }: { scope: string }) => `This API token lacks the "${scope}" scope` },
  sessionOnly: { status: 403, message: 'API tokens cannot manage API tokens; sign in instead' },
  crossOrigin: { status: 403, message: 'Cross-origin request refused' },
  /** A route that does not exist, and one the caller may not know exists (admin, internal). */
  routeNotFound: { status: 404, message: 'Not found' },
  /** The same over tRPC, in tRPC's own words for a path it does not have. */
  procedureNotFound: { status: 404, message: ({ path }: { path: string }) => `No procedure found on path "${path}"` },
  /** Tests only (rest/mount-routes.ts): an answer its route does not declare. */
  declarationBroken: {
    status: 500,
    message: ({ operationId, problem }: { operationId: string; problem: string }) =>
      `${operationId} broke its declaration: ${problem}`,
  },

  // Accounts.
  invalidLogin: { status: 401, message: 'Invalid email or password' },
  loginLocked: { status: 429, message: 'Too many failed sign-in attempts; try again later', headers: retryAfter },
  emailTaken: { status: 409, message: 'An account with this email already exists' },
  usernameTaken: { status: 409, message: 'This username is taken' },

  // Request bodies and parameters.
  invalidInput: { status: 400, message: ({ detail }: { detail: string }) => detail },
  malformedJson: { status: 400, message: 'Malformed JSON body' },
  bodyTooLarge: { status: 413, message: ({ limit }: { limit: number }) => `Request body is larger than ${limit} bytes` },
  notMultipart: {
    status: 400,
    message: ({ field }: { field: string }) => `Expected multipart/form-data with a "${field}" field`,
  },
  malformedMultipart: { status: 400, message: 'Malformed multipart body' },
  missingFileField: { status: 400, message: ({ field }: { field: string }) => `Missing file field "${field}"` },
  uploadInterrupted: { status: 400, message: 'Upload interrupted' },
  invalidCursor: { status: 400, message: 'Invalid cursor' },

  // Uploads cut short (issue 14.5): the body ended, or the client went, before the closing boundary.
  multipartTruncated: { status: 400, message: 'Multipart body ended before its closing boundary; send the whole file again' },
  // Uploads judged by progress (issue 14.4): a body that stops moving is cut, however long it has taken.
  uploadTooSlow: {
    status: 408,
    message: ({ bytesPerSecond, windowSeconds }: { bytesPerSecond: number; windowSeconds: number }) =>
      `Upload too slow: less than ${bytesPerSecond} bytes a second arrived over the last ${windowSeconds} s`,
  },

  // The vault.
  fileTooLarge: { status: 413, message: ({ limit }: { limit: number }) => `File is larger than the limit of ${limit} bytes` },
  unsupportedMediaType: {
    status: 415,
    message: 'Unsupported file type: only JPEG, PNG, WebP, GIF, MP4, WebM and QuickTime are accepted',
  },
  unreadableImage: { status: 422, message: 'Could not read the image dimensions' },
  imageTooLarge: {
    status: 422,
    message: ({ width, height, limit }: { width: number; height: number; limit: number }) =>
      `Image is ${width}x${height}; the limit is ${limit} pixels`,
  },
  animationTooLarge: {
    status: 422,
    message: ({ width, height, frames, limit }: { width: number; height: number; frames: number; limit: number }) =>
      `Image is ${width}x${height} with ${frames} frames (${width * height * frames} pixels); the limit is ${limit} pixels`,
  },
  imagePadded: {
    status: 422,
    message: ({ width, height, frames, maxBytes }: { width: number; height: number; frames: number; maxBytes: number }) =>
      `Image file is larger than a ${width}x${height} image${frames > 1 ? ` with ${frames} frames` : ''} can need (more than ${(maxBytes / 1024 / 1024).toFixed(1)} MB); it carries other data`,
  },
  /** The image service refused an input (a limit it enforces itself, such as its decoders' pixel limit). */
  imageRefused: { status: 422, message: ({ detail }: { detail: string }) => detail },
  invalidUserId: { status: 400, message: 'Invalid user ID' },
  userNotFound: { status: 404, message: 'User not found' },

  // Sharing.
  tooManyTags: {
    status: 400,
    message: ({ given, max }: { given: number; max: number }) => `Too many tags: ${given} given, at most ${max} allowed`,
  },
  unknownTags: {
    status: 400,
    // The seed-style sentence first, then close matches from the vocabulary when there are any.
    message: ({ slugs, suggestions = [] }: { slugs: readonly string[]; suggestions?: readonly string[] }) =>
      `Unknown ${plural(slugs, 'tag')}: ${slugs.join(', ')}${suggestions.length > 0 ? ` (did you mean ${suggestions.join(', ')}?)` : ''}`,
  },
  sharedMediaNotFound: { status: 404, message: 'Shared media not found' },
  shareRemoveFailed: { status: 500, message: 'Failed to remove share' },
  mediaBusy: {
    status: 503,
    message: 'This media item is being changed by another request; try again in a moment',
    headers: () => ({ 'Retry-After': '2' }),
  },

  // The Community feed.
  invalidCommunityId: { status: 400, message: 'Invalid community item ID' },
  communityItemNotFound: { status: 404, message: 'Community item not found' },
  // oEmbed (issue 16.5): 404 and 501 are the answers its specification names.
  embedNotFound: { status: 404, message: 'Nothing to embed at this URL' },
  embedFormatNotImplemented: { status: 501, message: 'Only format=json is implemented' },
  communityRemoveFailed: { status: 500, message: 'Failed to remove from the Community feed' },

  // API tokens and tags.
  invalidTokenId: { status: 400, message: 'Invalid token ID' },
  tokenNotFound: { status: 404, message: 'Token not found' },
  invalidTagList: { status: 400, message: ({ detail }: { detail: string }) => `Invalid tag list: ${detail}` },
  // The tag vocabulary at /admin/tags (issue 16).
  tagNotFound: { status: 404, message: ({ slug }: { slug: string }) => `Tag not found: ${slug}` },
  tagAliasTaken: {
    status: 409,
    message: ({ alias, slug }: { alias: string; slug: string }) => `"${alias}" is already an alias of the tag ${slug}`,
  },
  tagAliasIsSlug: {
    status: 409,
    message: ({ alias }: { alias: string }) => `"${alias}" is already a tag's slug; merge the two tags instead`,
  },
  tagMergeIntoSelf: { status: 400, message: 'A tag cannot be merged into itself' },
  tagMergeIntoInactive: {
    status: 409,
    message: ({ slug }: { slug: string }) => `The tag ${slug} is inactive; reactivate it before merging into it`,
  },
  tagMerged: {
    status: 409,
    message: ({ slug, into }: { slug: string; into: string }) =>
      `The tag ${slug} was merged into ${into}; its name now finds ${into}'s items`,
  },

  // Liveness: /healthz answers it while the database does not; `status` is what probes read.
  unhealthy: { status: 503, message: 'The database does not answer', body: () => ({ status: 'unavailable' }) },

  // Hostile clients: request formats, transport limits and sign-in floods.
  jsonRequired: { status: 415, message: 'Expected a JSON body sent with Content-Type: application/json' },
  batchTooLarge: { status: 400, message: ({ max }: { max: number }) => `A batch may hold at most ${max} calls` },
  notBatchable: {
    status: 400,
    message: ({ path }: { path: string }) => `${path} cannot be batched; send it in a request of its own`,
  },
  hashingBusy: {
    status: 429,
    message: 'Too many sign-ins from this address at once; try again in a moment',
    headers: () => ({ 'Retry-After': '1' }),
  },
  headersTooLarge: { status: 431, message: 'Request headers are too large' },
  requestTimeout: { status: 408, message: 'The request took too long to arrive' },
  malformedRequest: { status: 400, message: 'Malformed HTTP request' },

  // Rate limits (limits/spend-budget.ts): the same fields as a budget's successful answers, Remaining 0.
  rateLimited: {
    status: 429,
    message: ({ budget, scope, retryAfter }: RateLimitedParams) =>
      `Too many ${budget} from this ${scope}; try again in ${retryAfter} s`,
    headers: ({ limit, windowSeconds, retryAfter }: RateLimitedParams) => ({
      'Retry-After': String(retryAfter),
      'RateLimit-Limit': String(limit),
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': String(retryAfter),
      'RateLimit-Policy': `${limit};w=${windowSeconds}`,
    }),
  },

  // Readiness: /readyz's refusal names which dependency does not answer; probes read `status`.
  notReady: {
    status: 503,
    message: ({ database, storage }: Readiness) =>
      `Not ready: ${[database === 'ok' ? '' : 'the database', storage === 'ok' ? '' : 'storage'].filter(Boolean).join(' and ')} does not answer`,
    body: ({ database, storage }: Readiness) => ({ status: 'unavailable', database, storage }),
    headers: () => ({ 'Retry-After': '5' }),
  },

  // Outages (issue 17.4): a dependency that does not answer is worth retrying, and says when.
  storageUnavailable: {
    status: 503,
    message: 'File storage is unavailable; try again in a moment',
    headers: () => ({ 'Retry-After': '5' }),
  },
  databaseUnavailable: {
    status: 503,
    message: 'The database is unavailable; try again in a moment',
    headers: () => ({ 'Retry-After': '5' }),
  },

  // Renditions.
  /** Not made yet (the job is queued), or never to be made: the client shows the original instead. */
  renditionNotFound: { status: 404, message: 'No rendition of this item yet' },
  /** The link file without metadata could not be made; the original is never served in its place. */
  linkFileUnavailable: { status: 500, message: 'The shared file could not be prepared' },

  // Account settings, sessions and password recovery.
  currentPasswordIncorrect: { status: 400, message: 'Current password is incorrect' },
  passwordIncorrect: { status: 400, message: 'Password is incorrect' },
  nothingToChange: { status: 400, message: 'Invalid request: give "username", "email" or both' },
  invalidSessionId: { status: 400, message: 'Invalid session ID' },
  sessionNotFound: { status: 404, message: 'Session not found' },
  resetLinkInvalid: { status: 400, message: 'This reset link is invalid or has expired' },

  // Idempotency-Key (README): a retried creating POST replays its first answer.
  invalidIdempotencyKey: {
    status: 400,
    message: 'Invalid header "Idempotency-Key": must be 1 to 255 visible ASCII characters',
  },
  idempotencyKeyReused: {
    status: 422,
    message: 'This Idempotency-Key was used for a different request; send a new key with a new request',
  },
  idempotencyInProgress: {
    status: 409,
    message: 'A request with this Idempotency-Key is still in progress; retry it after Retry-After seconds',
    headers: ({ retryAfter }: { retryAfter: number }) => ({ 'Retry-After': String(retryAfter) }),
  },
  // Share link controls: the public side's refusals, word for word.
  mediaNotShared: { status: 404, message: 'Media is not shared' },
  linkExpired: { status: 410, message: 'This link has expired' },
  linkViewLimitReached: { status: 410, message: 'This link has reached its view limit' },
  linkPasswordRequired: { status: 401, message: 'Password required', body: () => ({ passwordRequired: true }) },
  linkWrongPassword: { status: 401, message: 'Wrong password' },
  linkDownloadsOff: { status: 403, message: 'Downloads are turned off for this link' },
  linkUnlockLocked: {
    status: 429,
    message: ({ retryAfter }: { retryAfter: number }) => `Too many wrong passwords for this link; try again in ${retryAfter} s`,
    headers: retryAfter,
  },
  // Running an instance (issue 20): registration modes, invites, quotas, two-factor sign-in.
  registrationClosed: { status: 403, message: 'Registration is closed' },
  inviteInvalid: { status: 400, message: 'This invite is invalid or has been used' },
  invalidInviteId: { status: 400, message: 'Invalid invite ID' },
  inviteNotFound: { status: 404, message: 'Invite not found' },
  /** `usage` and `quota` in bytes beside the message, for clients that show their own figures. */
  quotaExceeded: {
    status: 413,
    message: ({ usage, quota }: { usage: number; quota: number }) =>
      `Storage quota exceeded: ${formatStorageBytes(usage)} of ${formatStorageBytes(quota)} used`,
    body: ({ usage, quota }: { usage: number; quota: number }) => ({ usage, quota }),
  },
  twoFactorRequired: {
    status: 401,
    message: 'Two-factor code required',
    body: () => ({ twoFactorRequired: true }),
  },
  twoFactorCodeInvalid: {
    status: 401,
    message: 'Invalid two-factor code',
    body: () => ({ twoFactorRequired: true }),
  },
  twoFactorAlreadyEnabled: { status: 409, message: 'Two-factor sign-in is already on; turn it off first' },
  twoFactorNotPending: { status: 400, message: 'Start two-factor setup first' },
  twoFactorNotEnabled: { status: 400, message: 'Two-factor sign-in is not on' },
  twoFactorConfirmInvalid: { status: 400, message: 'That code is not right; check the time on your device and try again' },
  // Moderation (issue 13): consent, reports, takedown and the blocklist; the quoted messages are exact.
  policyOutdated: { status: 409, message: 'The sharing policy has changed; please review it' },
  communityBanned: { status: 403, message: 'This account can no longer publish to the Community' },
  communityItemRemoved: { status: 410, message: 'This item was removed' },
  mediaBlocked: { status: 422, message: 'This media was removed from the Community and cannot be shared again' },
  invalidReportId: { status: 400, message: 'Invalid report ID' },
  reportNotFound: { status: 404, message: 'Report not found' },
  alreadyRemoved: { status: 409, message: 'This item was removed already' },
  notRemoved: { status: 409, message: 'This item is not removed' },

  // Files and whatever else.
  objectNotFound: { status: 404, message: 'Object not found' },
  notFound: { status: 404, message: 'Not found' },
  internal: { status: 500, message: 'Internal server error' },
});

export type ErrorCode = keyof typeof ERRORS;
