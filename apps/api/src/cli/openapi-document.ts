import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadEnv } from '../env';
import { openApiJson } from '../rest/docs';

// `pnpm openapi [file]`: the document GET /api/openapi.json serves with this configuration, without
// starting a server (for client generators in a build, and for `pnpm lint:openapi`).
const file = process.argv[2];
const json = `${JSON.stringify(JSON.parse(openApiJson(loadEnv())), null, 2)}\n`;
if (file) {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, json);
} else {
  process.stdout.write(json);
}
