// Starts the image service straight from source (tests, `pnpm dev`); the server build bundles it instead.
import { register } from 'tsx/esm/api';

register();
await import('./service-entry.ts');
