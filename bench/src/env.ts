/** The benchmark's one setting: the PostgreSQL server its rows that need one run on. */
export const DATABASE_URL = process.env.DATABASE_URL || undefined;
