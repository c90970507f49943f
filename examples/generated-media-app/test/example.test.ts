import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { ensureBuilds, freshDatabase, startBuiltServer, type BuiltServer, type FreshDatabase } from '@mediashare/testing';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExampleConfig } from '../src/env';
import { publishCaption } from '../src/publish-caption';
import { shareOverRest } from '../src/rest-share';

const SERVICE_TOKEN = 'example-service-token-0123456789abcdef';
let database: FreshDatabase;
let server: BuiltServer;
let config: ExampleConfig;

/** A person signs up and makes the API token they hand to the internal app. */
const signUpWithToken = async (url: string) => {
  const username = `example${Date.now() % 1_000_000}`;
  const register = await fetch(`${url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${username}@example.test`, username, password: 'a long enough password' }),
  });
  const user = (await register.json()) as { id: number };
  const cookie = register.headers.get('set-cookie')?.split(';')[0] ?? '';
  const minted = await fetch(`${url}/api/user/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: 'smart-caption', scopes: ['read', 'share'] }),
  });
  return { userId: user.id, token: ((await minted.json()) as { token: string }).token };
};

beforeAll(async () => {
  ensureBuilds(['api']);
  database = await freshDatabase('mediashare_example');
  server = await startBuiltServer({ ...database.env, INTERNAL_API_TOKEN: SERVICE_TOKEN });
  const { userId, token } = await signUpWithToken(server.url);
  config = { url: server.url, token, serviceToken: SERVICE_TOKEN, userId };
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe('the example internal app', () => {
  it('registers generated media, shares it to the Community and finds it in the feed', async () => {
    const result = await publishCaption(config);
    expect(result.media).toMatchObject({ source: 'smart-caption', mimeType: 'image/png' });
    expect(result.shared.communityUrl).toMatch(/\/storage\/v1\/object\/public\/general\/caption-[0-9a-f]{8}\.png$/);
    expect(result.item).toMatchObject({ id: result.shared.communityMediaId, origin: 'generated', tags: ['humor'] });
    expect(result.inFeed).toBe(true);
    const file = await fetch(result.item.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
  });

  it('shares over REST with the client generated from openapi.json', async () => {
    const { media } = await publishCaption(config);
    const { share, link } = await shareOverRest({ url: config.url, token: config.token, mediaId: media.id });
    expect(share.shareUrl).toBe(`/shared/media/${share.shareCode}`);
    expect(link).toMatchObject({ shareCode: share.shareCode, mimeType: 'image/png', kind: 'image' });
  });

  it('runs as a program', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: new URL('..', import.meta.url).pathname,
      env: {
        ...process.env,
        MEDIASHARE_URL: config.url,
        MEDIASHARE_TOKEN: config.token,
        MEDIASHARE_SERVICE_TOKEN: config.serviceToken,
        MEDIASHARE_USER_ID: String(config.userId),
      },
    });
    expect(stdout).toMatch(/^shared media \d+ to the Community as item \d+: http/m);
    expect(stdout).toMatch(/^share link \(REST\): http:\/\/127\.0\.0\.1:\d+\/shared\/media\/[0-9a-f]{32}$/m);
  });

  it('keeps its generated REST types equal to what the server documents (run `pnpm generate` after API changes)', async () => {
    const document = await (await fetch(`${server.url}/api/openapi.json`)).json();
    // The server URL in the document differs per run; the types do not depend on it.
    const fresh = astToString(await openapiTS(document, { defaultNonNullable: false }));
    const committed = await readFile(new URL('../src/generated/openapi.d.ts', import.meta.url), 'utf8');
    const body = (text: string) => text.slice(text.indexOf('export interface paths'));
    expect(body(committed).trim()).toBe(body(fresh).trim());
  });
});
