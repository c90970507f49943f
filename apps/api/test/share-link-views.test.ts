import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileForm, uniqueName } from './support/factories';
import { makeImage } from './support/fixtures';
import type { Harness } from './support/harness';
import { startTwoProcesses, type TwoProcesses } from './support/two-processes';

/**
 * The view limit under concurrency, over two API processes on one database. On PostgreSQL they are real
 * processes (the server's own entry point); PGlite lives inside one process, so there two apps share it.
 */
let observer: Harness;
let send: TwoProcesses['send'];
let processes: TwoProcesses;

beforeAll(async () => {
  processes = await startTwoProcesses();
  ({ observer, send } = processes);
}, 120_000);

afterAll(() => processes.close());

const json = (body: unknown, cookie = '') => ({
  headers: { 'content-type': 'application/json', cookie },
  body: JSON.stringify(body),
});

describe('50 visitors opening a link with a view limit at once, over two API processes', () => {
  it('lets exactly maxViews of them in and counts exactly maxViews views', async () => {
    const username = uniqueName();
    const registered = await send(0, '/api/auth/register', {
      method: 'POST',
      ...json({ email: `${username}@example.test`, username, password: 'long enough password' }),
    });
    const cookie = registered.headers.get('set-cookie')?.split(';')[0] ?? '';
    const uploaded = await send(1, '/api/user/media', {
      method: 'POST',
      headers: { cookie },
      body: fileForm(await makeImage('png', 64, 48), 'popular.png'),
    });
    const item = (await uploaded.json()) as { id: number };
    const shared = await send(0, `/api/media/${item.id}/share`, { method: 'POST', ...json({ shareToCommunity: false }, cookie) });
    const { shareCode } = (await shared.json()) as { shareCode: string };
    const limited = await send(1, `/api/media/${item.id}/share/link`, { method: 'PATCH', ...json({ maxViews: 7 }, cookie) });
    expect(limited.status).toBe(200);

    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        send(i, `/api/shared/media/${shareCode}`, { headers: { 'user-agent': `Mozilla/5.0 crowd-${i}` } }).then(async (res) => ({
          status: res.status,
          body: (await res.json()) as { message?: string },
        })),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(7);
    expect(statuses.filter((s) => s === 410)).toHaveLength(43);
    for (const a of answers.filter((a) => a.status === 410)) {
      expect(a.body).toEqual({ message: 'This link has reached its view limit' });
    }
    const [row] = await observer.sql.select().from(schema.shareLinks).where(eq(schema.shareLinks.shareCode, shareCode));
    expect(row?.views).toBe(7);
    // Refused visitors leave no trace: only the counted ones are remembered for their hour.
    const visits = await observer.sql
      .select()
      .from(schema.shareLinkVisits)
      .where(eq(schema.shareLinkVisits.shareCode, shareCode));
    expect(visits).toHaveLength(7);
    const state = await send(0, `/api/media/${item.id}/share`, { headers: { cookie } });
    expect(((await state.json()) as { views: number }).views).toBe(7);
  }, 60_000);
});
