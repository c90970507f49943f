import type { PGlite, Transaction } from '@electric-sql/pglite';
import { BUCKETS } from '@mediashare/core';

/** What a backup records about the embedded database beside its files, and a restore checks again. */
export interface EmbeddedDatabaseInfo {
  /** PostgreSQL inside PGlite: a data directory opens only under the same major version. */
  postgres: string;
  /** `created_at` of the newest applied migration (the `when` of drizzle's journal); null before the first. */
  migration: number | null;
  /** Rows per table of the public schema. */
  tables: Record<string, number>;
}

export interface EmbeddedDump extends EmbeddedDatabaseInfo {
  /** The data directory as an uncompressed tar: PGlite's own format, which its `loadDataDir` reads back. */
  tar: Blob;
  /**
   * Keys of the public bucket this database knows: its community copies, and the copies in progress or
   * awaiting deletion (storage intents). Any other public object was written after the dump.
   */
  publicKeys: string[];
}

type Queryable = Pick<Transaction, 'query'>;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

export const describeEmbedded = async (db: Queryable): Promise<EmbeddedDatabaseInfo> => {
  const version = await db.query<{ server_version: string }>('show server_version');
  const names = await db.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const tables: Record<string, number> = {};
  for (const { name } of names.rows) {
    const count = await db.query<{ n: number }>(`select count(*)::int as n from public.${quoteIdent(name)}`);
    tables[name] = count.rows[0]?.n ?? 0;
  }
  const journal = await db.query<{ present: boolean }>(
    `select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  let migration: number | null = null;
  if (journal.rows[0]?.present) {
    const latest = await db.query<{ latest: string | null }>(
      `select max(created_at)::text as latest from drizzle.__drizzle_migrations`,
    );
    migration = latest.rows[0]?.latest ? Number(latest.rows[0].latest) : null;
  }
  return { postgres: version.rows[0]?.server_version ?? 'unknown', migration, tables };
};

/**
 * The data directory and what it holds, taken inside a transaction of its own: PGlite runs one
 * transaction at a time, so no other is half done in the files, and the counts describe exactly the
 * rows the tar holds. The checkpoint first writes every committed page into the data files, so a
 * restore replays little WAL. The database answers nothing else meanwhile (about half a second for a
 * small vault; see the report of `pnpm backup`).
 */
export const dumpEmbedded = (client: PGlite): Promise<EmbeddedDump> =>
  client.transaction(async (tx) => {
    const info = await describeEmbedded(tx);
    const known = await tx.query<{ key: string }>(
      `select file_path as key from community_media union select path from storage_intents where bucket = $1`,
      [BUCKETS.general],
    );
    await tx.exec('checkpoint');
    const tar = await client.dumpDataDir('none');
    return { ...info, tar, publicKeys: known.rows.map((row) => row.key) };
  });

/** Every object key a row points at: what must be in storage for the database to be whole. */
export const findReferencedObjects = async (db: Queryable): Promise<{ bucket: string; key: string }[]> => {
  const result = await db.query<{ bucket: string; key: string }>(
    `select $1::text as bucket, file_path as key from media union all select $2::text, file_path from community_media`,
    [BUCKETS.userMedia, BUCKETS.general],
  );
  return result.rows;
};
