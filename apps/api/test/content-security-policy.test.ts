import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pagePolicy } from '../src/http/content-security-policy';
import { parseEnv } from '../src/env';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';

let h: Harness;
let webDir: string;
let owner: TestUser;
beforeAll(async () => {
  webDir = await mkdtemp(path.join(tmpdir(), 'mediashare-web-'));
  await writeFile(
    path.join(webDir, 'index.html'),
    '<!doctype html><html><head><title>mediashare</title></head><body></body></html>',
  );
  h = await createHarness({ webDistDir: webDir });
  owner = await createUser(h.app);
});
afterAll(async () => {
  await h.close();
  await rm(webDir, { recursive: true, force: true });
});

const directives = (policy: string | null) =>
  Object.fromEntries(
    (policy ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...sources]) => [name, sources]),
  );

const html = { accept: 'text/html,application/xhtml+xml' };

describe('Content-Security-Policy', () => {
  it('is strict on every HTML page: the SPA, a share page, the not-found page and the API docs', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('png'), 'p.png');
    const shared = await call(h.app, `/api/media/${item.id}/share`, { json: { shareToCommunity: false }, cookie: owner.cookie });
    const pages = [
      '/',
      '/vault',
      '/login',
      '/community',
      shared.body.shareUrl,
      '/shared/media/nope',
      '/no-such-page',
      '/api/docs',
    ];
    for (const pathname of pages) {
      const res = await call(h.app, pathname, { headers: html });
      expect(res.headers.get('content-type'), pathname).toMatch(/^text\/html/);
      expect(res.status, pathname).toBe(pathname === '/no-such-page' ? 404 : 200);
      const policy = res.headers.get('content-security-policy');
      expect(policy, pathname).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(directives(policy), pathname).toMatchObject({
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'frame-ancestors': ["'self'"],
      });
      expect(res.headers.get('x-frame-options'), pathname).toBe('SAMEORIGIN');
    }
  });

  it('loads nothing for JSON answers, and leaves user files their own sandbox', async () => {
    for (const pathname of ['/api/auth/me', '/api/no-such-route', '/api/tags']) {
      const res = await call(h.app, pathname);
      expect(res.headers.get('content-type'), pathname).toMatch(/^application\/json/);
      expect(res.headers.get('content-security-policy'), pathname).toBe("default-src 'none'; frame-ancestors 'none'");
    }
    const { body: item } = await uploadFile(h.app, owner, await makeImage('png'), 'p.png');
    const file = await call(h.app, `/api/user/media/${item.id}/file`, { cookie: owner.cookie });
    expect(file.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  });

  it('lets pages show media from the Supabase project when files are there', () => {
    const env = parseEnv({
      PUBLIC_URL: 'https://media.example.test',
      STORAGE_DRIVER: 'supabase',
      SUPABASE_URL: 'http://supabase.internal:8000',
      SUPABASE_SERVICE_ROLE_KEY: 'key',
      SUPABASE_PUBLIC_URL: 'https://project.supabase.co/',
    });
    const policy = directives(pagePolicy(env));
    expect(policy['img-src']).toEqual(["'self'", 'data:', 'https://media.example.test', 'https://project.supabase.co']);
    expect(policy['media-src']).toEqual(["'self'", 'https://media.example.test', 'https://project.supabase.co']);
    expect(policy['connect-src']).toEqual(["'self'"]);
  });
});
