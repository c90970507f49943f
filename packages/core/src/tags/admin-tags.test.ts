import { describe, expect, it, vi } from 'vitest';
import type { DatabasePort } from '../ports/database';
import type { NewModerationLogEntry, TagRecord } from '../ports/records';
import { createTagAlias } from './create-tag-alias';
import { mergeTags } from './merge-tags';
import { updateTag } from './update-tag';

/** Tags and aliases (alias -> tag id) in memory, with the repo calls the admin edits make. */
const arrange = (tags: TagRecord[], aliases: Record<string, number> = {}) => {
  const logged: NewModerationLogEntry[] = [];
  const names = new Map(Object.entries(aliases));
  const repos = {
    tags: {
      lockBySlugs: async (slugs: string[]) => tags.filter((t) => slugs.includes(t.slug)),
      resolve: async (wanted: string[]) =>
        wanted.flatMap((name) => [
          ...tags.filter((t) => t.slug === name).map((t) => ({ ...t, name })),
          ...tags.filter((t) => names.get(name) === t.id).map((t) => ({ ...t, name })),
        ]),
      addAlias: async (tagId: number, alias: string) => {
        if (names.has(alias) || tags.some((t) => t.slug === alias)) return false;
        names.set(alias, tagId);
        return true;
      },
      update: vi.fn(async () => {}),
      merge: vi.fn(async () => 3),
      findAdminList: async () =>
        tags.map((t) => ({
          ...t,
          itemCount: 0,
          mergedInto: null,
          aliases: [...names].filter(([, id]) => id === t.id).map(([alias]) => ({ alias, origin: 'admin' as const })),
        })),
    },
    moderation: { log: async (entry: NewModerationLogEntry) => void logged.push(entry) },
  };
  const transaction = vi.fn(async (fn: (tx: typeof repos) => Promise<unknown>) => fn(repos));
  const db = { ...repos, transaction } as unknown as DatabasePort;
  return { deps: { db, now: () => new Date(0) }, repos, transaction, logged };
};

const night: TagRecord = { id: 1, slug: 'night', label: 'Night', active: true };
const urban: TagRecord = { id: 2, slug: 'urban', label: 'Urban', active: true };
const street: TagRecord = { id: 3, slug: 'street', label: 'Street', active: false };
const old: TagRecord = { id: 4, slug: 'old', label: 'Old', active: false };

describe('admin edits of the tag vocabulary', () => {
  it('refuses a merge into itself before opening a transaction', async () => {
    const t = arrange([night]);
    await expect(mergeTags(t.deps, { adminId: 9, slug: 'night', into: 'night' })).rejects.toMatchObject({
      code: 'tagMergeIntoSelf',
      status: 400,
    });
    expect(t.transaction).not.toHaveBeenCalled();
  });

  it('refuses merging into an inactive tag or merging a merged one, and moves nothing', async () => {
    const t = arrange([night, urban, street, old], { street: urban.id });
    await expect(mergeTags(t.deps, { adminId: 9, slug: 'night', into: 'old' })).rejects.toMatchObject({
      code: 'tagMergeIntoInactive',
    });
    await expect(mergeTags(t.deps, { adminId: 9, slug: 'street', into: 'night' })).rejects.toMatchObject({
      message: "The tag street was merged into urban; its name now finds urban's items",
    });
    await expect(mergeTags(t.deps, { adminId: 9, slug: 'nope', into: 'night' })).rejects.toMatchObject({ status: 404 });
    expect(t.repos.tags.merge).not.toHaveBeenCalled();
    expect(t.logged).toEqual([]);
  });

  it('merges through the repo and logs who moved what where', async () => {
    const t = arrange([night, urban]);
    const result = await mergeTags(t.deps, { adminId: 9, slug: 'night', into: 'urban' });
    expect(t.repos.tags.merge).toHaveBeenCalledWith(night.id, urban.id);
    expect(result).toMatchObject({ moved: 3, tag: { slug: 'urban' } });
    expect(t.logged).toEqual([
      {
        actorUserId: 9,
        action: 'tag_merged',
        targetKind: 'tag',
        targetId: night.id,
        reason: null,
        details: { slug: 'night', into: 'urban', intoId: urban.id, moved: 3 },
        createdAt: new Date(0),
      },
    ]);
  });

  it('says whose name an alias already is', async () => {
    const t = arrange([night, urban], { city: urban.id });
    await expect(createTagAlias(t.deps, { adminId: 9, slug: 'night', alias: 'city' })).rejects.toMatchObject({
      status: 409,
      message: '"city" is already an alias of the tag urban',
    });
    await expect(createTagAlias(t.deps, { adminId: 9, slug: 'night', alias: 'urban' })).rejects.toMatchObject({
      status: 409,
      message: `"urban" is already a tag's slug; merge the two tags instead`,
    });
    expect(t.logged).toEqual([]);
  });

  it('never reactivates a merged tag, and logs only what changed', async () => {
    const t = arrange([night, street, old], { street: night.id });
    await expect(updateTag(t.deps, { adminId: 9, slug: 'street', changes: { active: true } })).rejects.toMatchObject({
      code: 'tagMerged',
    });
    await updateTag(t.deps, { adminId: 9, slug: 'old', changes: { active: true, label: 'Old' } });
    expect(t.repos.tags.update).toHaveBeenCalledTimes(1);
    expect(t.logged.map((e) => e.action)).toEqual(['tag_reactivated']);
  });
});
