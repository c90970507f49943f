import { defineConfig } from '@hey-api/openapi-ts';
import { generateOptions } from './src/generate-options';

// `pnpm generate` reads the document of a running server: MEDIASHARE_URL, by default http://localhost:3000.
const server = process.env.MEDIASHARE_URL ?? 'http://localhost:3000';
export default defineConfig(generateOptions(`${server}/api/openapi.json`, 'src/generated'));
