import type { ModerationRepo, ReportGroupRow } from '@mediashare/core';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { blockedHashes, consentReceipts, moderationLog, reports } from '../schema';

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

  async findOpenReportGroups(limit) {
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
    return rows.map((r): ReportGroupRow => ({
      ...r,
      reasons: r.reasons as ReportGroupRow['reasons'],
      firstReportedAt: new Date(r.firstReportedAt),
      details: r.details.filter((d): d is string => d !== null),
    }));
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
