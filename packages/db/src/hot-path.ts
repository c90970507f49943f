import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client';

/*
 * The statements every request runs (the session lookup) and the link-only share transaction are written
 * as `sql` templates over column lists built once, instead of with the query builder. The builder turns a
 * select into text on every call, which costs 30 to 210 µs of CPU per statement here, about a third of
 * the API's CPU per link-only share under load; a template with a few parameters costs about 1 µs. Rows
 * are decoded with each column's own driver mapping, so the records are exactly what the builder returns
 * (the tests of both drivers hold them to that).
 */

type Row = Record<string, unknown>;

/** `alias."column" as "<prefix>column"` for every column of `table`. */
export const columnList = (table: PgTable, alias: string, prefix = '', except: string[] = []) =>
  Object.values(getTableColumns(table))
    .filter((column) => !except.includes(column.name))
    .map((column) => `${alias}."${column.name}" as "${prefix}${column.name}"`)
    .join(', ');

/** The same list as raw SQL, to put in a template. */
export const columnsOf = (table: PgTable, alias: string, prefix = '', except: string[] = []) =>
  sql.raw(columnList(table, alias, prefix, except));

/** Reads one table's record out of a row whose columns carry `prefix`; null when they are all null (an outer join's miss). */
export const recordReader = <T extends PgTable>(table: T, prefix = '', except: string[] = []) => {
  const columns = Object.entries(getTableColumns(table)).filter(([, column]) => !except.includes(column.name));
  return (row: Row): T['$inferSelect'] | null => {
    const record: Row = {};
    let present = false;
    for (const [key, column] of columns) {
      const value = row[prefix + column.name];
      if (value === null || value === undefined) {
        record[key] = null;
      } else {
        present = true;
        record[key] = column.mapFromDriverValue(value);
      }
    }
    return present ? (record as T['$inferSelect']) : null;
  };
};

/** Runs a template on either driver (postgres.js answers with rows, PGlite with `{ rows }`). */
export const rowsOf = async (db: Executor, query: SQL): Promise<Row[]> => {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
};
