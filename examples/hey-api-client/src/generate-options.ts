import type { UserConfig } from '@hey-api/openapi-ts';

/**
 * How this client is generated, shared by `pnpm generate` (openapi-ts.config.ts) and the freshness test:
 * the fetch client without a built-in base URL (the caller names its server), the types, and one SDK
 * function per operation, named after its operationId.
 */
export const generateOptions = (input: string, output: string): UserConfig => ({
  input,
  output: { path: output },
  plugins: [{ name: '@hey-api/client-fetch', baseUrl: false }, '@hey-api/typescript', '@hey-api/sdk'],
});
