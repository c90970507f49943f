import type { ModerationRepo, ReportGroupRow, ReportQueueRow } from '@mediashare/core';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { blockedHashes, communityMedia, consentReceipts, media, moderationLog, reports, users } from '../schema';

export const moderationRepo = (db: Executor): ModerationRepo => ({
  async addReceipt(receipt) {
    await db.insert(consentReceipts).values(receipt);
  },

  findReceipts: (communityMediaId) =>
    db
      .select()
      .from(consentReceipts)
      .where(eq(consentReceipts.communityMediaId, communityMediaId))
      .orderBy(desc(consentReceipts.createdAt), desc(consentReceipts.id)),

  // The unique (target, reporter_key) index decides, so two parallel duplicates still count once.
  async addReport(report) {
    const [row] = await db.insert(reports).values(report).onConflictDoNothing().returning();
    if (row) return { report: row, isNew: true };
    const [existing] = await db
      .select()
      .from(reports)
      .where(and(eq(reports.target, report.target), eq(reports.reporterKey, report.reporterKey)))
      .limit(1);
    return { report: existing!, isNew: false };
  },

  async findReport(id) {
    const [row] = await db.select().from(reports).where(eq(reports.id, id)).limit(1);
    return row ?? null;
  },

  async countOpenReports(target) {
    const [row] = await db
      .select({ reporters: sql<number>`count(distinct ${reports.reporterKey})::int` })
      .from(reports)
      .where(and(eq(reports.target, target), eq(reports.status, 'open')));
    return row?.reporters ?? 0;
  },

  // Five queries for the whole queue: the groups, then their copies, items, owners and receipts by id.
  async findReportQueue(limit) {
    const rows = await db
      .select({
        target: reports.target,
        communityMediaId: sql<number | null>`max(${reports.communityMediaId})`,
        mediaId: sql<number | null>`max(${reports.mediaId})`,
        reporters: sql<number>`count(distinct ${reports.reporterKey})::int`,
        reasons: sql<string[]>`array_agg(distinct ${reports.reason})`,
        latestReportId: sql<number>`max(${reports.id})`,
        firstReportedAt: sql<string>`min(${reports.createdAt})`,
        details: sql<(string | null)[]>`array_agg(${reports.details} order by ${reports.id})`,
      })
      .from(reports)
      .where(eq(reports.status, 'open'))
      .groupBy(reports.target)
      .orderBy(sql`count(distinct ${reports.reporterKey}) desc`, sql`min(${reports.createdAt})`)
      .limit(limit);
    const groups = rows.map((r): ReportGroupRow => ({
      ...r,
      reasons: r.reasons as ReportGroupRow['reasons'],
      firstReportedAt: new Date(r.firstReportedAt),
      details: r.details.filter((d): d is string => d !== null),
    }));
    const ids = (list: (number | null)[]) => [...new Set(list.filter((id): id is number => id !== null))];

    const copyIds = ids(groups.map((g) => g.communityMediaId));
    const copies = copyIds.length ? await db.select().from(communityMedia).where(inArray(communityMedia.id, copyIds)) : [];
    const copyById = new Map(copies.map((c) => [c.id, c]));
    // A report on a link names only the item; a report on a copy is judged by the copy.
    const mediaIds = ids(groups.map((g) => (g.communityMediaId === null ? g.mediaId : null)));
    const items = mediaIds.length ? await db.select().from(media).where(inArray(media.id, mediaIds)) : [];
    const mediaById = new Map(items.map((m) => [m.id, m]));
    const ownerIds = ids([...copies.map((c) => c.userId), ...items.map((m) => m.userId)]);
    const owners = ownerIds.length
      ? await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, ownerIds))
      : [];
    const ownerById = new Map(owners.map((o) => [o.id, o]));
    const receipts = copyIds.length
      ? await db
          .selectDistinctOn([consentReceipts.communityMediaId])
          .from(consentReceipts)
          .where(inArray(consentReceipts.communityMediaId, copyIds))
          .orderBy(consentReceipts.communityMediaId, desc(consentReceipts.createdAt), desc(consentReceipts.id))
      : [];
    const receiptByCopy = new Map(receipts.map((r) => [r.communityMediaId, r]));

    return groups.map((group): ReportQueueRow => {
      const copy = group.communityMediaId === null ? null : (copyById.get(group.communityMediaId) ?? null);
      const item = copy || group.mediaId === null ? null : (mediaById.get(group.mediaId) ?? null);
      const ownerId = copy?.userId ?? item?.userId ?? null;
      return {
        ...group,
        copy,
        media: item,
        owner: ownerId === null ? null : (ownerById.get(ownerId) ?? null),
        receipt: copy ? (receiptByCopy.get(copy.id) ?? null) : null,
      };
    });
  },

  async resolveReports(target, status, at) {
    const rows = await db
      .update(reports)
      .set({ status, resolvedAt: at })
      .where(and(eq(reports.target, target), eq(reports.status, 'open')))
      .returning({ id: reports.id });
    return rows.length;
  },

  async log(entry) {
    const [row] = await db.insert(moderationLog).values(entry).returning();
    return row!;
  },

  findLog: ({ beforeId, limit }) =>
    db
      .select()
      .from(moderationLog)
      .where(beforeId === undefined ? undefined : lt(moderationLog.id, beforeId))
      .orderBy(desc(moderationLog.id))
      .limit(limit),

  async blockHash(perceptualHash, communityMediaId) {
    await db.insert(blockedHashes).values({ perceptualHash, communityMediaId });
  },

  async unblockHashes(communityMediaId) {
    await db.delete(blockedHashes).where(eq(blockedHashes.communityMediaId, communityMediaId));
  },

  findBlockedHashes: () =>
    db
      .select({ perceptualHash: blockedHashes.perceptualHash, communityMediaId: blockedHashes.communityMediaId })
      .from(blockedHashes),
});
