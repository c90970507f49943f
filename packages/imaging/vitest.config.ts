import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    // Setups encode test videos and start image services: seconds on a loaded machine.
    hookTimeout: 60_000,
  },
});
