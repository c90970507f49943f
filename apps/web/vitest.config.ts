import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Two tiers: component and unit tests in a simulated DOM (fast, network mocked at the fetch boundary), and
// the browser test that drives Chromium against the real server built as `pnpm start` builds it.
export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['./test/setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['./e2e/support/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
