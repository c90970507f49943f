import { randomBytes } from 'node:crypto';
import { openDatabase } from '@mediashare/db';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

/**
 * One fresh database per run, migrated once; test files share it and keep apart through their own
 * users and media. Dropped at the end so runs never see each other's data.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set');
  const name = `mediashare_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const drop = async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    const db = await openDatabase({ url: url.toString(), poolSize: 2 });
    await db.close();
  } catch (error) {
    await drop();
    throw error;
  }

  project.provide('dbMode', 'postgres');
  project.provide('databaseUrl', url.toString());

  return drop;
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbMode: 'postgres' | 'pglite';
    databaseUrl: string;
  }
}
