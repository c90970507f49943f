import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import type { Harness } from './harness';
import { call } from './http';
import type { TestUser } from './factories';

export const share = (h: Harness, user: TestUser, id: number | string, body: unknown) =>
  call(h.app, `/api/media/${id}/share`, { method: 'POST', json: body, cookie: user.cookie });

export const unshare = (h: Harness, user: TestUser, id: number | string) =>
  call(h.app, `/api/media/${id}/share`, { method: 'DELETE', cookie: user.cookie });

/** Everything the database says about one media item's sharing. */
export const shareState = async (h: Harness, mediaId: number) => {
  const [media] = await h.sql.select().from(schema.media).where(eq(schema.media.id, mediaId));
  const community = await h.sql.select().from(schema.communityMedia).where(eq(schema.communityMedia.mediaId, mediaId));
  const tags = community[0]
    ? (
        await h.sql
          .select({ slug: schema.tags.slug })
          .from(schema.communityMediaTags)
          .innerJoin(schema.tags, eq(schema.tags.id, schema.communityMediaTags.tagId))
          .where(eq(schema.communityMediaTags.communityMediaId, community[0].id))
      )
        .map((t) => t.slug)
        .sort()
    : [];
  const claims = await h.sql.select().from(schema.shareClaims).where(eq(schema.shareClaims.mediaId, mediaId));
  return { media, community, tags, claims };
};

/** The invariant sharing must keep: rows and objects of the public bucket match one to one. */
export const publicBucketConsistency = async (h: Harness) => {
  const rows = (await h.sql.select({ filePath: schema.communityMedia.filePath }).from(schema.communityMedia))
    .map((r) => r.filePath)
    .sort();
  const objects = await h.objects('general');
  return {
    rowsWithoutObject: rows.filter((p) => !objects.includes(p)),
    objectsWithoutRow: objects.filter((p) => !rows.includes(p)),
  };
};

export const activity = async (h: Harness, userId: number) =>
  h.sql.select().from(schema.activityLog).where(eq(schema.activityLog.userId, userId)).orderBy(schema.activityLog.id);
