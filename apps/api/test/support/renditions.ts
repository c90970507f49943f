import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import type { Harness } from './harness';

/** A clock the test moves: the harness's `now`, starting at real time. */
export const movableClock = () => {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms: number) => void (offset += ms) };
};

export const mediaRow = async (h: Harness, id: number) => {
  const [row] = await h.sql.select().from(schema.media).where(eq(schema.media.id, id));
  if (!row) throw new Error(`no media ${id}`);
  return row;
};

export const jobRows = (h: Harness) => h.sql.select().from(schema.renditionJobs);
