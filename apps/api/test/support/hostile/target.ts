import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { getApiDocsRoute, getOpenApiDocumentRoute } from '../../../src/rest/docs';
import type { Route } from '../../../src/rest/define-route';
import { apiRoutes, internalRoutes, platformRoutes } from '../../../src/rest/routes';
import { appRouter } from '../../../src/trpc/router';
import { keysOf, type ProcedureInfo, type Samples } from './cases';
import type { Fixtures, HostileTarget } from './run';

/** Every REST route the app mounts, as declared: a route added to the app is fuzzed from then on. */
export const declaredRoutes: readonly Route[] = [
  ...apiRoutes,
  ...internalRoutes,
  ...platformRoutes,
  getOpenApiDocumentRoute,
  getApiDocsRoute,
];

type ProcedureDef = { _def: { type: ProcedureInfo['type']; inputs?: unknown[] } };

/** Every tRPC procedure of the app's router, with the keys its input takes. */
export const declaredProcedures: ProcedureInfo[] = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, ProcedureDef> } })._def.procedures,
).map(([procedurePath, procedure]) => ({
  path: procedurePath,
  type: procedure._def.type,
  inputKeys: keysOf(procedure._def.inputs?.[0]),
}));

export const makeSamples = async (): Promise<Samples> => {
  const base = sharp({ create: { width: 48, height: 32, channels: 3, background: { r: 30, g: 90, b: 160 } } });
  return {
    png: new Uint8Array(await base.clone().png().toBuffer()),
    jpeg: new Uint8Array(await base.clone().jpeg().toBuffer()),
    gif: new Uint8Array(await base.clone().gif().toBuffer()),
  };
};

/** Columns a refused request may rightly move: when a session or token was last used. */
const TOUCHED = new Set(['sessions.last_seen_at', 'sessions.expires_at', 'api_tokens.last_used_at']);
/**
 * Tables that count refusals by design: failed sign-ins and request budgets; and Idempotency-Keys, which
 * a creating request takes before its input is judged and gives back when it is refused.
 */
const BOOKKEEPING = new Set(['login_throttle', 'rate_limits', 'idempotency_keys']);

/** How long after a directory last changed its listing is trusted: far above the clock's coarse tick. */
const SETTLED_NS = 1_000_000_000n;

/**
 * The names of every file under `root`, sorted, re-reading only the directories that may have changed.
 * Reading the whole tree on every case made a long run slow down as fixtures piled up (a quarter of a
 * second per case at 14,000 entries); one stat per directory is a tenth of that. A directory's mtime
 * moves whenever an entry is added, removed or renamed, but only at the clock's coarse tick, so a
 * listing is reused only if it was taken well after the directory's last change and the mtime has not
 * moved since: any later change leaves a later mtime.
 */
export const storedFiles = (root: string) => {
  type Listing = { mtimeNs: bigint; readAtNs: bigint; files: string[]; dirs: string[] };
  const listings = new Map<string, Listing>();
  const visit = (dir: string, out: string[]) => {
    let mtimeNs: bigint;
    try {
      mtimeNs = statSync(dir, { bigint: true }).mtimeNs;
    } catch {
      listings.delete(dir);
      return;
    }
    let listing = listings.get(dir);
    if (!listing || listing.mtimeNs !== mtimeNs || listing.readAtNs - mtimeNs < SETTLED_NS) {
      const readAtNs = BigInt(Date.now()) * 1_000_000n;
      const entries = readdirSync(dir, { withFileTypes: true });
      listing = {
        mtimeNs,
        readAtNs,
        files: entries.filter((e) => e.isFile()).map((e) => path.join(dir, e.name)),
        dirs: entries.filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name)),
      };
      listings.set(dir, listing);
    }
    out.push(...listing.files);
    for (const sub of listing.dirs) visit(sub, out);
  };
  return (): string[] => {
    const out: string[] = [];
    visit(root, out);
    return out.map((file) => path.relative(root, file)).sort();
  };
};

type Execute = (query: string) => Promise<Record<string, unknown>[]>;

/** Raw SQL through a drizzle database of either driver (PGlite answers `{ rows }`, postgres.js a list). */
export const executorFor =
  (db: { execute: (query: ReturnType<typeof sql.raw>) => Promise<unknown> }): Execute =>
  async (query) => {
    const result = (await db.execute(sql.raw(query))) as { rows?: Record<string, unknown>[] };
    return result.rows ?? (result as unknown as Record<string, unknown>[]);
  };

/**
 * What refused requests must leave alone: every row of every table (bookkeeping and use times aside) and
 * every stored file. Rows are watched by a counter that row triggers move on every insert,
 * update and delete, installed on every table the catalog lists (new tables are watched too), so one
 * small query after each request tells whether anything was written.
 */
export const stateSnapshot = async (execute: Execute, storageRoot: string) => {
  const columns = await execute(
    `select table_name, column_name from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`,
  );
  const tables = new Map<string, string[]>();
  for (const { table_name: table, column_name: column } of columns as { table_name: string; column_name: string }[]) {
    if (BOOKKEEPING.has(table) || table.startsWith('__drizzle') || table === 'hostile_writes') continue;
    tables.set(table, [...(tables.get(table) ?? []), column]);
  }
  await execute(`create table if not exists hostile_writes (n bigint not null)`);
  await execute(`insert into hostile_writes select 0 where not exists (select 1 from hostile_writes)`);
  await execute(
    `create or replace function hostile_count() returns trigger language plpgsql as $$ begin update hostile_writes set n = n + 1; return null; end $$`,
  );
  for (const [table, cols] of tables) {
    const watched = cols.filter((c) => !TOUCHED.has(`${table}.${c}`));
    const update = watched.length === cols.length ? 'update' : `update of ${watched.map((c) => `"${c}"`).join(', ')}`;
    await execute(`drop trigger if exists hostile_count on "${table}"`);
    await execute(
      `create trigger hostile_count after insert or delete or ${update} on "${table}" for each row execute function hostile_count()`,
    );
  }

  // Object keys are random and written once, so names tell a new or removed object.
  const files = storedFiles(storageRoot);
  return async () => {
    const rows = await execute('select n from hostile_writes');
    return `writes ${String(rows[0]?.n)}\n${files().join('\n')}`;
  };
};

type Send = (input: string | Request, init?: RequestInit) => Promise<Response>;

/** Two users, their media (one shared to the Community), two API tokens: what cases aim at. */
export const makeFixtures = (send: Send, serviceToken: string, samples: Samples) => async (): Promise<Fixtures> => {
  const json = (body: unknown, cookie?: string): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  const register = async () => {
    const name = `fz${randomBytes(5).toString('hex')}`;
    const res = await send(
      '/api/auth/register',
      json({ email: `${name}@example.test`, username: name, password: 'fuzzing password' }),
    );
    if (res.status !== 201) throw new Error(`fixtures: register answered ${res.status}`);
    const { id } = (await res.json()) as { id: number };
    return { id, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '' };
  };
  const upload = async (cookie: string, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([samples.png as Uint8Array<ArrayBuffer>], { type: 'image/png' }), name);
    const res = await send('/api/user/media', { method: 'POST', headers: { cookie }, body: form });
    if (res.status !== 201) throw new Error(`fixtures: upload answered ${res.status}`);
    return (await res.json()) as { id: number; filePath: string };
  };
  const token = async (cookie: string, scopes: string[]) => {
    const res = await send('/api/user/tokens', json({ name: scopes.join('+'), scopes }, cookie));
    if (res.status !== 201) throw new Error(`fixtures: token answered ${res.status}`);
    return (await res.json()) as { id: number; token: string };
  };

  const [owner, other] = [await register(), await register()];
  const media = [await upload(owner.cookie, 'one.png'), await upload(owner.cookie, 'two.png')];
  const elsewhere = await upload(other.cookie, 'theirs.png');
  const shared = await send(
    `/api/media/${media[0]?.id}/share`,
    json({ shareToCommunity: true, tags: ['night'], policyAgreed: true }, owner.cookie),
  );
  if (shared.status !== 200) throw new Error(`fixtures: share answered ${shared.status}`);
  const share = (await shared.json()) as { shareCode: string; communityMediaId: number; communityUrl: string };
  // The link file without metadata is made on the first read of the link: made here, a fuzzed read that is
  // refused (a range past its end) finds it rather than filling that cache.
  await (await send(`/api/shared/media/${share.shareCode}/file`)).arrayBuffer();
  const [shareToken, readToken] = [await token(owner.cookie, ['share']), await token(owner.cookie, ['read'])];
  return {
    ownerCookie: owner.cookie,
    otherCookie: other.cookie,
    shareToken: shareToken.token,
    readToken: readToken.token,
    serviceToken,
    refs: {
      mediaId: media.map((m) => m.id),
      otherMediaId: [elsewhere.id],
      communityId: [share.communityMediaId],
      tokenId: [shareToken.id, readToken.id],
      userId: [owner.id, other.id],
      shareCode: [share.shareCode],
      filePath: [...media, elsewhere].map((m) => m.filePath),
      publicPath: [new URL(share.communityUrl, 'http://localhost').pathname.split('/').pop() ?? ''],
    },
  };
};

/** A target over an app answering `request()` in this process (app.request). */
export const inProcessTarget = async (options: {
  send: Send;
  execute: Execute;
  storageRoot: string;
  serviceToken: string;
  samples: Samples;
}): Promise<HostileTarget> => ({
  request: (request) => options.send(request),
  snapshot: await stateSnapshot(options.execute, options.storageRoot),
  fixtures: makeFixtures(options.send, options.serviceToken, options.samples),
});
