import { defineConfig } from 'drizzle-kit';

// Migrations are generated from src/schema.ts and committed; they run at start and in tests.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.ts',
  out: './migrations',
});
