import type { TestProject } from 'vitest/node';

/** Each test file opens its own in-memory PGlite, migrated from the same SQL as PostgreSQL. */
export default function setup(project: TestProject) {
  project.provide('dbMode', 'pglite');
  project.provide('databaseUrl', '');
}
