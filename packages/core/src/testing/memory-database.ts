import { randomUUID } from 'node:crypto';
import { LockTimeoutError, type DatabasePort, type IdempotencyRecord, type Repos, type ShareClaim } from '../ports/database';
import type {
  ActivityEntry,
  ApiTokenRecord,
  CommunityMediaRecord,
  ConsentReceiptRecord,
  MediaRecord,
  ModerationLogRecord,
  RenditionJobRecord,
  RenditionTarget,
  PasswordResetRecord,
  SessionRecord,
  ShareLinkRecord,
  TagRecord,
  UserRecord,
} from '../ports/records';

/** Everything the in-memory database holds, open to tests for setting up and checking state. */
export interface MemoryState {
  users: UserRecord[];
  sessions: SessionRecord[];
  passwordResets: PasswordResetRecord[];
  apiTokens: ApiTokenRecord[];
  media: MediaRecord[];
  community: CommunityMediaRecord[];
  communityTags: { communityMediaId: number; tagId: number }[];
  tags: TagRecord[];
  claims: ShareClaim[];
  intents: { bucket: string; path: string; createdAt: Date }[];
  pendingDeletes: { bucket: string; path: string; attempts: number; nextAttemptAt: Date; lastError: string | null }[];
  idempotencyKeys: (IdempotencyRecord & { userId: number; keyHash: string })[];
  activity: ActivityEntry[];
  receipts: ConsentReceiptRecord[];
  moderationLog: ModerationLogRecord[];
  blockedHashes: { perceptualHash: string; communityMediaId: number | null }[];
  /** Sign-in budgets by key. */
  throttle: Map<string, { attempts: number; windowStartedAt: Date }>;
  rateLimits: { key: string; hits: number; resetsAt: Date }[];
  renditionJobs: (Omit<RenditionJobRecord, 'leaseId' | 'leasedUntil'> & {
    leaseId: string | null;
    leasedUntil: Date | null;
    runAfter: Date;
    lastError: string | null;
  })[];
  shareLinks: ShareLinkRecord[];
  shareLinkVisits: { shareCode: string; visitor: string; hour: Date }[];
  shareLinkSalts: Map<string, string>;
  nextId: number;
}

const emptyState = (): MemoryState => ({
  users: [],
  sessions: [],
  passwordResets: [],
  apiTokens: [],
  media: [],
  community: [],
  communityTags: [],
  tags: [],
  claims: [],
  intents: [],
  pendingDeletes: [],
  idempotencyKeys: [],
  activity: [],
  receipts: [],
  moderationLog: [],
  blockedHashes: [],
  throttle: new Map(),
  rateLimits: [],
  renditionJobs: [],
  shareLinks: [],
  shareLinkVisits: [],
  shareLinkSalts: new Map(),
  nextId: 1,
});

const NO_RENDITIONS = { placeholder: null, thumbnailPath: null, previewPath: null, renditionError: null };
const sameTarget = (a: RenditionTarget, b: RenditionTarget) => a.kind === b.kind && a.id === b.id;
/** An update's fields that are set (undefined leaves a column as it is, as drizzle does). */
const definedOnly = <T extends object>(update: T) =>
  Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined)) as Partial<T>;

const unsupported = (name: string) => () => {
  throw new Error(`${name} is not part of the in-memory database`);
};

/**
 * The database port in memory, for the unit tier: the rows and rules core relies on (ownership, unique
 * community copy per item, claims that expire), transactions that roll back when they throw, and media
 * locks that a test can hold. Not a model of SQL: queries the domain does not use are not here.
 */
export const createMemoryDatabase = (state: MemoryState = emptyState()) => {
  const held = new Set<number>();
  const deleting = new Set<number>();
  const keyRow = (userId: number, keyHash: string) =>
    state.idempotencyKeys.find((k) => k.userId === userId && k.keyHash === keyHash);
  const queues = new Map<number, Promise<unknown>>();
  let locks = 0;
  const hooks: { onLock?: (count: number) => void | Promise<void> } = {};
  const id = () => state.nextId++;

  const linkRow = (shareCode: string, mediaId: number) => {
    let row = state.shareLinks.find((l) => l.shareCode === shareCode);
    if (!row) {
      row = {
        shareCode,
        mediaId,
        expiresAt: null,
        maxViews: null,
        passwordHash: null,
        allowDownload: true,
        showMetadata: false,
        views: 0,
        createdAt: new Date(),
      };
      state.shareLinks.push(row);
    }
    return row;
  };
  const shareLinks: Repos['shareLinks'] = {
    find: async (shareCode) => state.shareLinks.find((l) => l.shareCode === shareCode) ?? null,
    update: async (shareCode, mediaId, changes) => Object.assign(linkRow(shareCode, mediaId), definedOnly(changes)),
    async addVisit(shareCode, visitor, hour) {
      if (
        state.shareLinkVisits.some(
          (v) => v.shareCode === shareCode && v.visitor === visitor && v.hour.getTime() === hour.getTime(),
        )
      )
        return false;
      state.shareLinkVisits.push({ shareCode, visitor, hour });
      return true;
    },
    async addView(shareCode, mediaId) {
      const row = linkRow(shareCode, mediaId);
      if (row.maxViews !== null && row.views >= row.maxViews) return null;
      return (row.views += 1);
    },
    hasVisit: async (shareCode, visitor, hours) =>
      state.shareLinkVisits.some(
        (v) => v.shareCode === shareCode && v.visitor === visitor && hours.some((h) => h.getTime() === v.hour.getTime()),
      ),
    async deleteForMedia(mediaId) {
      const codes = new Set(state.shareLinks.filter((l) => l.mediaId === mediaId).map((l) => l.shareCode));
      state.shareLinks = state.shareLinks.filter((l) => l.mediaId !== mediaId);
      state.shareLinkVisits = state.shareLinkVisits.filter((v) => !codes.has(v.shareCode));
    },
    async saltFor(day, candidate) {
      if (!state.shareLinkSalts.has(day)) state.shareLinkSalts.set(day, candidate);
      return state.shareLinkSalts.get(day)!;
    },
    async deleteStale() {
      return 0;
    },
    findExposure: unsupported('shareLinks.findExposure'),
    findExposedIds: unsupported('shareLinks.findExposedIds'),
  };

  const repos: Repos = {
    shareLinks,
    users: {
      async create(input) {
        if (state.users.some((u) => u.email === input.email)) return { ok: false, conflict: 'email' };
        if (state.users.some((u) => u.username === input.username)) return { ok: false, conflict: 'username' };
        const user: UserRecord = {
          ...input,
          id: id(),
          role: 'user',
          communityBannedAt: null,
          showMature: false,
          createdAt: new Date(),
        };
        state.users.push(user);
        return { ok: true, user };
      },
      async findTaken({ email, username }) {
        if (state.users.some((u) => u.email.toLowerCase() === email.toLowerCase())) return 'email';
        return state.users.some((u) => u.username.toLowerCase() === username.toLowerCase()) ? 'username' : null;
      },
      findByLogin: async (login) =>
        state.users.find((u) => [u.email, u.username].some((name) => name.toLowerCase() === login.toLowerCase())) ?? null,
      findById: async (userId) => state.users.find((u) => u.id === userId) ?? null,
      findByUsername: async (username) => state.users.find((u) => u.username.toLowerCase() === username.toLowerCase()) ?? null,
      async update(userId, changes) {
        const others = state.users.filter((u) => u.id !== userId);
        const same = (a: string, b: string | undefined) => b !== undefined && a.toLowerCase() === b.toLowerCase();
        if (others.some((u) => same(u.email, changes.email))) return { ok: false, conflict: 'email' };
        if (others.some((u) => same(u.username, changes.username))) return { ok: false, conflict: 'username' };
        const user = state.users.find((u) => u.id === userId);
        if (!user) throw new Error(`no user ${userId}`);
        Object.assign(user, changes);
        return { ok: true, user: { ...user } };
      },
      async setPasswordHash(userId, passwordHash) {
        const user = state.users.find((u) => u.id === userId);
        if (user) user.passwordHash = passwordHash;
      },
      async beginDeletion(userId) {
        const user = state.users.find((u) => u.id === userId);
        if (!user || deleting.has(userId)) return false;
        Object.assign(user, { email: `deleted-${userId}@deleted.invalid`, username: `deleted-${userId}`, passwordHash: '!' });
        deleting.add(userId);
        return true;
      },
      findDeleting: async (limit) => [...deleting].slice(0, limit),
      async delete(userId) {
        state.users = state.users.filter((u) => u.id !== userId);
        deleting.delete(userId);
      },
      async setRole(userId, role) {
        const user = state.users.find((u) => u.id === userId);
        if (user) user.role = role;
      },
      async setCommunityBan(userId, at) {
        const user = state.users.find((u) => u.id === userId);
        if (user) user.communityBannedAt = at;
      },
      async setShowMature(userId, showMature) {
        const user = state.users.find((u) => u.id === userId);
        if (user) user.showMature = showMature;
      },
    },
    sessions: {
      create: async (session) => void state.sessions.push({ ...session, publicId: randomUUID() }),
      async findActive(sessionId, now) {
        const session = state.sessions.find((s) => s.id === sessionId && s.expiresAt > now);
        const user = session && state.users.find((u) => u.id === session.userId);
        return session && user ? { session, user } : null;
      },
      async touch(sessionId, lastSeenAt, expiresAt) {
        const session = state.sessions.find((s) => s.id === sessionId);
        if (session) Object.assign(session, { lastSeenAt, expiresAt });
      },
      async delete(sessionId) {
        state.sessions = state.sessions.filter((s) => s.id !== sessionId);
      },
      deleteExpired: unsupported('sessions.deleteExpired'),
      findForUser: async (userId, now) =>
        state.sessions
          .filter((s) => s.userId === userId && s.expiresAt > now && s.absoluteExpiresAt > now)
          .sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime()),
      async deleteByPublicId(userId, publicId) {
        const before = state.sessions.length;
        state.sessions = state.sessions.filter((s) => !(s.userId === userId && s.publicId === publicId));
        return state.sessions.length < before;
      },
      async deleteForUser(userId, keepId) {
        const before = state.sessions.length;
        state.sessions = state.sessions.filter((s) => s.userId !== userId || s.id === keepId);
        return before - state.sessions.length;
      },
    },
    passwordResets: {
      create: async (reset) => void state.passwordResets.push({ ...reset, usedAt: null }),
      async consume(tokenHash, now) {
        const reset = state.passwordResets.find((r) => r.tokenHash === tokenHash && !r.usedAt && r.expiresAt > now);
        if (!reset) return null;
        reset.usedAt = now;
        return reset.userId;
      },
      async deleteForUser(userId) {
        state.passwordResets = state.passwordResets.filter((r) => r.userId !== userId);
      },
      async deleteExpired(now) {
        const before = state.passwordResets.length;
        state.passwordResets = state.passwordResets.filter((r) => r.expiresAt > now);
        return before - state.passwordResets.length;
      },
    },
    apiTokens: {
      async deleteForUser(userId) {
        const before = state.apiTokens.length;
        state.apiTokens = state.apiTokens.filter((t) => t.userId !== userId);
        return before - state.apiTokens.length;
      },
      async create(token) {
        const record: ApiTokenRecord = { ...token, id: id(), createdAt: new Date(), lastUsedAt: null, revokedAt: null };
        state.apiTokens.push(record);
        return record;
      },
      findForUser: async (userId) => state.apiTokens.filter((t) => t.userId === userId && !t.revokedAt).reverse(),
      async revoke(userId, tokenId, at) {
        const token = state.apiTokens.find((t) => t.id === tokenId && t.userId === userId && !t.revokedAt);
        if (token) token.revokedAt = at;
        return Boolean(token);
      },
      async findActive(tokenHash, now) {
        const token = state.apiTokens.find(
          (t) => t.tokenHash === tokenHash && !t.revokedAt && (!t.expiresAt || t.expiresAt > now),
        );
        const user = token && state.users.find((u) => u.id === token.userId);
        return token && user ? { token, user } : null;
      },
      async touch(tokenId, at) {
        const token = state.apiTokens.find((t) => t.id === tokenId);
        if (token) token.lastUsedAt = at;
      },
    },
    loginThrottle: {
      async reserve(key, now, { windowMs, maxAttempts }) {
        const row = state.throttle.get(key);
        if (!row || row.windowStartedAt.getTime() <= now.getTime() - windowMs) {
          state.throttle.set(key, { attempts: 1, windowStartedAt: now });
          return { ok: true, windowStartedAt: now };
        }
        if (row.attempts >= maxAttempts) return { ok: false, retryAt: new Date(row.windowStartedAt.getTime() + windowMs) };
        row.attempts += 1;
        return { ok: true, windowStartedAt: row.windowStartedAt };
      },
      async release(key, windowStartedAt) {
        const row = state.throttle.get(key);
        if (row && row.windowStartedAt.getTime() === windowStartedAt.getTime() && row.attempts > 0) row.attempts -= 1;
      },
      async deleteStale(olderThan) {
        const stale = [...state.throttle].filter(([, row]) => row.windowStartedAt <= olderThan);
        for (const [key] of stale) state.throttle.delete(key);
        return stale.length;
      },
    },
    media: {
      async create(values) {
        const now = new Date();
        const media: MediaRecord = {
          ...values,
          id: id(),
          isShared: false,
          shareToCommunity: false,
          shareCode: null,
          strippedPath: null,
          linkHiddenAt: null,
          ...NO_RENDITIONS,
          createdAt: now,
          updatedAt: now,
        };
        state.media.push(media);
        return media;
      },
      async createIfAbsent(values) {
        return state.media.find((m) => m.filePath === values.filePath) ?? repos.media.create(values);
      },
      findByPath: async (filePath) => state.media.find((m) => m.filePath === filePath) ?? null,
      findByShareCode: async (code) => state.media.find((m) => m.shareCode === code) ?? null,
      async setShareState(mediaId, shareState) {
        const media = state.media.find((m) => m.id === mediaId);
        if (!media) throw new Error(`no media ${mediaId}`);
        Object.assign(media, shareState, { updatedAt: new Date() });
        return { ...media };
      },
      findOwned: async (userId, mediaId) => state.media.find((m) => m.id === mediaId && m.userId === userId) ?? null,
      async findOwnedShareState(userId, mediaId) {
        const media = state.media.find((m) => m.id === mediaId && m.userId === userId);
        if (!media) return null;
        return {
          media: { ...media },
          claim: state.claims.find((c) => c.mediaId === mediaId) ?? null,
          community: state.community.find((c) => c.mediaId === mediaId) ?? null,
        };
      },
      listOwned: unsupported('media.listOwned'),
      async deleteOwned(userId, mediaId) {
        const media = state.media.find((m) => m.id === mediaId && m.userId === userId) ?? null;
        if (!media) return null;
        state.media = state.media.filter((m) => m !== media);
        // ON DELETE SET NULL: the community copy outlives its original.
        for (const copy of state.community) if (copy.mediaId === mediaId) copy.mediaId = null;
        state.renditionJobs = state.renditionJobs.filter((j) => !sameTarget(j.target, { kind: 'media', id: mediaId }));
        return media;
      },
      findById: async (mediaId) => state.media.find((m) => m.id === mediaId) ?? null,
      async setRenditions(mediaId, update) {
        const media = state.media.find((m) => m.id === mediaId);
        if (media) Object.assign(media, definedOnly(update), { updatedAt: new Date() });
      },
      async setStrippedPath(mediaId, path) {
        const media = state.media.find((m) => m.id === mediaId);
        if (!media) return null;
        media.strippedPath ??= path;
        return media.strippedPath;
      },
      findWithoutRenditions: unsupported('media.findWithoutRenditions'),
      async setLinkHidden(mediaId, at) {
        const media = state.media.find((m) => m.id === mediaId);
        if (media) media.linkHiddenAt = at;
      },
    },
    tags: {
      findActive: async () => state.tags.filter((t) => t.active),
      findActiveBySlugs: async (slugs) => state.tags.filter((t) => t.active && slugs.includes(t.slug)),
      findBySlugs: async (slugs) => state.tags.filter((t) => slugs.includes(t.slug)),
      findAll: async () => [...state.tags],
      resolve: async (names, { activeOnly }) =>
        state.tags.filter((t) => (!activeOnly || t.active) && names.includes(t.slug)).map((t) => ({ ...t, name: t.slug })),
      findVocabulary: async () => state.tags.filter((t) => t.active).map((t) => ({ ...t, aliases: [], itemCount: 0 })),
      suggest: unsupported('tags.suggest'),
      sync: unsupported('tags.sync'),
      findAdminList: unsupported('tags.findAdminList'),
      lockBySlugs: unsupported('tags.lockBySlugs'),
      addAlias: unsupported('tags.addAlias'),
      update: unsupported('tags.update'),
      merge: unsupported('tags.merge'),
      async seedIfEmpty(tags) {
        if (state.tags.length > 0) return 0;
        for (const tag of tags) state.tags.push({ ...tag, id: id(), active: true });
        return tags.length;
      },
    },
    community: {
      findByMediaId: async (mediaId) => state.community.find((c) => c.mediaId === mediaId) ?? null,
      findById: async (copyId) => state.community.find((c) => c.id === copyId) ?? null,
      // One caller at a time here already.
      lockById: async (copyId) => state.community.find((c) => c.id === copyId) ?? null,
      findForOwner: async (userId, afterId, limit) =>
        state.community.filter((c) => c.userId === userId && c.id > afterId).slice(0, limit),
      findByFilePath: async (filePath) => state.community.find((c) => c.filePath === filePath) ?? null,
      async create(row) {
        // The unique index on media_id.
        if (row.mediaId !== null && state.community.some((c) => c.mediaId === row.mediaId)) return null;
        const now = new Date();
        const copy: CommunityMediaRecord = {
          title: null,
          caption: null,
          altText: null,
          ...row,
          ...NO_RENDITIONS,
          moderationStatus: 'visible',
          removedReason: null,
          removedAt: null,
          id: id(),
          createdAt: now,
          updatedAt: now,
        };
        state.community.push(copy);
        return copy;
      },
      async delete(copyId) {
        state.community = state.community.filter((c) => c.id !== copyId);
        state.communityTags = state.communityTags.filter((t) => t.communityMediaId !== copyId);
      },
      async setTags(copyId, tagIds) {
        state.communityTags = [
          ...state.communityTags.filter((t) => t.communityMediaId !== copyId),
          ...tagIds.map((tagId) => ({ communityMediaId: copyId, tagId })),
        ];
      },
      async setTexts(copyId, texts) {
        const copy = state.community.find((c) => c.id === copyId);
        if (copy) Object.assign(copy, definedOnly(texts));
      },
      tagSlugs: async (copyId) =>
        state.communityTags
          .filter((t) => t.communityMediaId === copyId)
          .map((t) => state.tags.find((tag) => tag.id === t.tagId)?.slug ?? '?')
          .sort(),
      findFeed: unsupported('community.findFeed'),
      findFeedItem: unsupported('community.findFeedItem'),
      async setRenditions(copyId, update) {
        const copy = state.community.find((c) => c.id === copyId);
        if (copy) Object.assign(copy, definedOnly(update), { updatedAt: new Date() });
      },
      findWithoutRenditions: unsupported('community.findWithoutRenditions'),
      findModeration: async (mediaIds) =>
        state.community
          .filter((c) => c.mediaId !== null && mediaIds.includes(c.mediaId))
          .map((c) => ({ mediaId: c.mediaId!, status: c.moderationStatus, removedReason: c.removedReason })),
      async setMature(copyId, mature) {
        const copy = state.community.find((c) => c.id === copyId);
        if (copy) copy.mature = mature;
      },
      async setModerationStatus(copyId, moderationStatus, removal) {
        const copy = state.community.find((c) => c.id === copyId);
        if (!copy) return null;
        Object.assign(copy, { moderationStatus, removedReason: removal?.reason ?? null, removedAt: removal?.at ?? null });
        return { ...copy };
      },
    },
    renditionJobs: {
      async enqueue(target, runAfter) {
        if (state.renditionJobs.some((j) => sameTarget(j.target, target))) return;
        state.renditionJobs.push({ id: id(), target, attempts: 0, leaseId: null, leasedUntil: null, runAfter, lastError: null });
      },
      async claim(now, leaseMs, leaseId) {
        const job = state.renditionJobs
          .filter((j) => j.runAfter <= now && (!j.leasedUntil || j.leasedUntil <= now))
          .sort((a, b) => a.runAfter.getTime() - b.runAfter.getTime() || a.id - b.id)[0];
        if (!job) return null;
        Object.assign(job, { leaseId, leasedUntil: new Date(now.getTime() + leaseMs), attempts: job.attempts + 1 });
        return { id: job.id, target: job.target, attempts: job.attempts, leaseId, leasedUntil: job.leasedUntil! };
      },
      async extend(jobId, leaseId, until) {
        const job = state.renditionJobs.find((j) => j.id === jobId && j.leaseId === leaseId);
        if (job) job.leasedUntil = until;
        return Boolean(job);
      },
      async complete(jobId, leaseId) {
        const before = state.renditionJobs.length;
        state.renditionJobs = state.renditionJobs.filter((j) => !(j.id === jobId && j.leaseId === leaseId));
        return state.renditionJobs.length < before;
      },
      async retry(jobId, leaseId, runAfter, error) {
        const job = state.renditionJobs.find((j) => j.id === jobId && j.leaseId === leaseId);
        if (job) Object.assign(job, { leaseId: null, leasedUntil: null, runAfter, lastError: error });
        return Boolean(job);
      },
      count: async () => state.renditionJobs.length,
    },
    shareClaims: {
      find: async (mediaId) => state.claims.find((c) => c.mediaId === mediaId) ?? null,
      async acquire(claim, now) {
        const current = state.claims.find((c) => c.mediaId === claim.mediaId);
        if (current && current.expiresAt > now) return false;
        state.claims = [...state.claims.filter((c) => c.mediaId !== claim.mediaId), { ...claim }];
        return true;
      },
      async extend(mediaId, claimId, expiresAt) {
        const claim = state.claims.find((c) => c.mediaId === mediaId && c.claimId === claimId);
        if (claim) claim.expiresAt = expiresAt;
        return Boolean(claim);
      },
      async release(mediaId, claimId) {
        const before = state.claims.length;
        state.claims = state.claims.filter((c) => !(c.mediaId === mediaId && c.claimId === claimId));
        return state.claims.length < before;
      },
      async deleteExpired(now) {
        const before = state.claims.length;
        state.claims = state.claims.filter((c) => c.expiresAt > now);
        return before - state.claims.length;
      },
    },
    activity: {
      record: async (entry) => void state.activity.push(structuredClone(entry)),
      anonymise: async (userId) => {
        for (const entry of state.activity) if (entry.userId === userId) entry.userId = null;
      },
      findForUser: async (userId, afterId, limit) =>
        state.activity
          .map((entry, i) => ({ ...entry, id: i + 1, createdAt: new Date(0) }))
          .filter((entry) => entry.userId === userId && entry.id > afterId)
          .slice(0, limit),
    },
    storageIntents: {
      async add(bucket, path) {
        if (!state.intents.some((i) => i.bucket === bucket && i.path === path))
          state.intents.push({ bucket, path, createdAt: new Date() });
      },
      async remove(bucket, path) {
        state.intents = state.intents.filter((i) => !(i.bucket === bucket && i.path === path));
      },
      findStale: async (olderThan, limit) => state.intents.filter((i) => i.createdAt < olderThan).slice(0, limit),
      status: unsupported('storageIntents.status'),
    },
    rateLimits: {
      async spend(key, now, { limit, windowMs }) {
        let row = state.rateLimits.find((r) => r.key === key);
        if (row && row.resetsAt <= now) Object.assign(row, { hits: 0, resetsAt: new Date(now.getTime() + windowMs) });
        if (!row) state.rateLimits.push((row = { key, hits: 0, resetsAt: new Date(now.getTime() + windowMs) }));
        const allowed = row.hits < limit;
        if (allowed) row.hits += 1;
        return { allowed, hits: row.hits, resetsAt: row.resetsAt };
      },
      async giveBack(key, resetsAt) {
        const row = state.rateLimits.find((r) => r.key === key && r.resetsAt.getTime() === resetsAt.getTime());
        if (row && row.hits > 0) row.hits -= 1;
      },
      async deleteExpired(now) {
        const before = state.rateLimits.length;
        state.rateLimits = state.rateLimits.filter((r) => r.resetsAt > now);
        return before - state.rateLimits.length;
      },
    },
    moderation: {
      addReceipt: async (receipt) => void state.receipts.push({ ...receipt, id: id() }),
      findReceipts: async (copyId) => state.receipts.filter((r) => r.communityMediaId === copyId).reverse(),
      addReport: unsupported('moderation.addReport'),
      findReport: unsupported('moderation.findReport'),
      countOpenReports: unsupported('moderation.countOpenReports'),
      findReportQueue: unsupported('moderation.findReportQueue'),
      resolveReports: unsupported('moderation.resolveReports'),
      async log(entry) {
        const row = { ...entry, id: id() };
        state.moderationLog.push(row);
        return row;
      },
      findLog: unsupported('moderation.findLog'),
      blockHash: async (perceptualHash, communityMediaId) => void state.blockedHashes.push({ perceptualHash, communityMediaId }),
      findBlockedHashes: async () => [...state.blockedHashes],
      async unblockHashes(copyId) {
        state.blockedHashes = state.blockedHashes.filter((b) => b.communityMediaId !== copyId);
      },
    },
    pendingDeletes: {
      async add(bucket, path, dueAt) {
        const found = state.pendingDeletes.find((d) => d.bucket === bucket && d.path === path);
        if (found) found.nextAttemptAt = dueAt;
        else state.pendingDeletes.push({ bucket, path, attempts: 0, nextAttemptAt: dueAt, lastError: null });
      },
      async claimDue(now, leaseUntil, limit) {
        const due = state.pendingDeletes
          .filter((d) => d.nextAttemptAt <= now)
          .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime())
          .slice(0, limit);
        for (const d of due) {
          d.attempts += 1;
          d.nextAttemptAt = leaseUntil;
        }
        return due.map(({ bucket, path, attempts }) => ({ bucket, path, attempts }));
      },
      async remove(bucket, path) {
        state.pendingDeletes = state.pendingDeletes.filter((d) => !(d.bucket === bucket && d.path === path));
      },
      async retryAt(bucket, path, nextAttemptAt, error) {
        const found = state.pendingDeletes.find((d) => d.bucket === bucket && d.path === path);
        if (found) Object.assign(found, { nextAttemptAt, lastError: error });
      },
      nextDueAt: async () =>
        state.pendingDeletes.reduce<Date | null>((min, d) => (!min || d.nextAttemptAt < min ? d.nextAttemptAt : min), null),
    },
    idempotencyKeys: {
      async acquire({ userId, keyHash, lockedUntil, expiresAt }, now) {
        const found = keyRow(userId, keyHash);
        const fresh = { userId, keyHash, lockedUntil, expiresAt, fingerprint: null, responseStatus: null, responseBody: null };
        if (!found) state.idempotencyKeys.push(fresh);
        else if (found.expiresAt <= now || (found.responseStatus === null && found.lockedUntil <= now))
          Object.assign(found, fresh);
        else return false;
        return true;
      },
      find: async (userId, keyHash) => {
        const found = keyRow(userId, keyHash);
        return found ? { ...found } : null;
      },
      async extend(userId, keyHash, lockedUntil) {
        const found = keyRow(userId, keyHash);
        if (found) found.lockedUntil = lockedUntil;
      },
      async complete(userId, keyHash, answer) {
        const found = keyRow(userId, keyHash);
        if (found) Object.assign(found, answer);
      },
      async release(userId, keyHash) {
        state.idempotencyKeys = state.idempotencyKeys.filter(
          (k) => !(k.userId === userId && k.keyHash === keyHash && k.responseStatus === null),
        );
      },
      async deleteExpired(now) {
        const before = state.idempotencyKeys.length;
        state.idempotencyKeys = state.idempotencyKeys.filter((k) => k.expiresAt > now);
        return before - state.idempotencyKeys.length;
      },
    },
    // Invites, quotas and two-factor sign-in are exercised on the real databases (apps/api/test); here an
    // account has no quota and no second factor.
    invites: {
      create: unsupported('invites.create'),
      findAll: async () => [],
      delete: async () => false,
      isUsable: async () => false,
      consume: async () => null,
    },
    storageUsage: {
      findQuota: async () => null,
      setQuota: unsupported('storageUsage.setQuota'),
      usage: async (userId) => state.media.filter((m) => m.userId === userId).reduce((sum, m) => sum + m.size, 0),
      reserve: async () => ({ ok: true, id: randomUUID() }),
      release: async () => {},
      deleteExpired: async () => 0,
      listUsers: unsupported('storageUsage.listUsers'),
    },
    twoFactor: {
      find: async () => null,
      setPending: unsupported('twoFactor.setPending'),
      enable: unsupported('twoFactor.enable'),
      acceptStep: async () => false,
      useRecoveryCode: async () => false,
      countRecoveryCodes: async () => 0,
      disable: async () => {},
    },
  };

  /** Runs `fn` against the repos; if it throws, every row is as it was before. */
  const atomically = async <T>(fn: (tx: Repos) => Promise<T>): Promise<T> => {
    const before = structuredClone(state);
    try {
      return await fn(repos);
    } catch (error) {
      Object.assign(state, before);
      throw error;
    }
  };

  const database: DatabasePort = {
    ...repos,
    transaction: atomically,
    async withMediaLock(mediaId, _lockTimeoutMs, fn) {
      locks += 1;
      await hooks.onLock?.(locks);
      // Another session holds the item: the wait runs out at once, as a lock_timeout would.
      if (held.has(mediaId)) throw new LockTimeoutError();
      // One holder at a time per item, as the advisory lock allows.
      const previous = queues.get(mediaId) ?? Promise.resolve();
      const run = previous.catch(() => {}).then(() => atomically(fn));
      queues.set(mediaId, run);
      return run;
    },
    runExclusive: async (_job, fn) => fn(),
    ping: async () => {},
    close: async () => {},
  };

  return {
    db: database,
    state,
    /** Keeps the item's lock taken by another session until released. */
    holdLock: (mediaId: number) => held.add(mediaId),
    releaseLock: (mediaId: number) => held.delete(mediaId),
    /** Called each time a media lock is asked for, with how many have been asked for so far. */
    hooks,
  };
};

export type MemoryDatabase = ReturnType<typeof createMemoryDatabase>;
