import { isDerivedKey } from '@mediashare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileForm, uniqueName } from './support/factories';
import { makeImage } from './support/fixtures';
import { shareState } from './support/share';
import type { Harness } from './support/harness';
import { startTwoProcesses, type TwoProcesses } from './support/two-processes';

/**
 * Two API processes on one database and one storage folder. On PostgreSQL they are real processes
 * (the server's own entry point); PGlite lives inside one process, so there two apps share it.
 */
let observer: Harness;
let send: TwoProcesses['send'];
let processes: TwoProcesses;

beforeAll(async () => {
  processes = await startTwoProcesses();
  ({ observer, send } = processes);
}, 120_000);

afterAll(() => processes.close());

const TAG_SETS = [['night'], ['urban', 'street'], ['beach', 'sunset', 'summer']];

describe('50 concurrent shares of one item over two API processes', () => {
  it('agree on one share code, leave at most one community row and object, and end as one request alone would', async () => {
    const username = uniqueName();
    const registered = await send(0, '/api/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${username}@example.test`, username, password: 'long enough password' }),
    });
    const cookie = registered.headers.get('set-cookie')?.split(';')[0] ?? '';
    const uploaded = await send(1, '/api/user/media', {
      method: 'POST',
      headers: { cookie },
      body: fileForm(await makeImage('png', 640, 480), 'race.png'),
    });
    const item = (await uploaded.json()) as { id: number };

    const bodies = Array.from({ length: 50 }, (_, i) =>
      i % 4 === 3 ? { shareToCommunity: false } : { shareToCommunity: true, tags: TAG_SETS[i % 3], policyAgreed: true },
    );
    const answers = await Promise.all(
      bodies.map(async (body, i) => {
        const res = await send(i, `/api/media/${item.id}/share`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as { shareCode?: string; message?: string } };
      }),
    );

    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(new Set(answers.map((a) => a.body.shareCode)).size).toBe(1);

    const { media, community: rows, tags: tagSlugs, claims } = await shareState(observer, item.id);
    expect(rows.length).toBeLessThanOrEqual(1);
    // Each process's rendition worker may have made the copy's renditions meanwhile: keys derived from it.
    const published = (await observer.objects('general')).filter((key) => !isDerivedKey(key));
    expect(published).toEqual(rows.map((r) => r.filePath));
    expect(claims).toEqual([]);
    const final = { isShared: media?.isShared, shareToCommunity: media?.shareToCommunity, tags: rows[0] ? tagSlugs : null };
    const alone = [
      { isShared: true, shareToCommunity: false, tags: null },
      ...TAG_SETS.map((set) => ({ isShared: true, shareToCommunity: true, tags: [...set].sort() })),
    ];
    expect(alone).toContainEqual(final);
  }, 120_000);
});
