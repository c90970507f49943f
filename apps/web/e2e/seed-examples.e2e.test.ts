import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { fixture } from './support/paths';
import { startServer, type Server } from './support/server';

// The API documentation's cURL and JavaScript examples, run as written: only the host, the session
// cookie and the media id are replaced.
const CURL_COMMUNITY = `curl -X POST "https://your-domain.com/api/media/456/share" \\
  -H "Cookie: connect.sid=your-session-cookie" \\
  -H "Content-Type: application/json" \\
  -d '{
    "shareToCommunity": true,
    "tags": ["brunette", "solo"],
    "policyAgreed": true
  }'`;

const CURL_LINK_ONLY = `curl -X POST "https://your-domain.com/api/media/456/share" \\
  -H "Cookie: connect.sid=your-session-cookie" \\
  -H "Content-Type: application/json" \\
  -d '{"shareToCommunity": false}'`;

const JS_SHARE = `// Share to community
const response = await fetch('/api/media/456/share', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json'
  },
  credentials: 'include',
  body: JSON.stringify({
    shareToCommunity: true,
    tags: ['brunette', 'artistic'],
    policyAgreed: true
  })
});

const result = await response.json();
console.log('Share URL:', result.shareUrl);
console.log('Share code:', result.shareCode);

// Get full URL
const fullUrl = \`\${window.location.origin}\${result.shareUrl}\`;`;

const JS_UNSHARE = `// Remove from community while keeping share link
const response = await fetch('/api/media/456/share', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  credentials: 'include',
  body: JSON.stringify({
    shareToCommunity: false
  })
});

const result = await response.json();
console.log('Media unshared from community');
// Share code still exists for direct link sharing`;

let server: Server;
let browser: Browser;
let context: BrowserContext;
let cookie: string;

const upload = async () => {
  const form = new FormData();
  form.append('file', new Blob([await readFile(fixture('dusk.jpg'))]), 'beach_photo.jpg');
  const res = await fetch(`${server.url}/api/user/media`, { method: 'POST', headers: { cookie }, body: form });
  return ((await res.json()) as { id: number }).id;
};

const runCurl = async (example: string, id: number) => {
  const command = example
    .replace('https://your-domain.com', server.url)
    .replace('connect.sid=your-session-cookie', cookie)
    .replace('/456/', `/${id}/`);
  const { stdout } = await promisify(execFile)('bash', ['-c', `${command} --silent --show-error --write-out '\\n%{http_code}'`]);
  const [body = '', status = ''] = stdout.split(/\n(?=\d{3}$)/);
  return { status: Number(status), body: JSON.parse(body) as Record<string, unknown> };
};

/** Runs an example in a page of the app, signed in, and returns what it logged and its `result`. */
const runInBrowser = async (example: string, id: number) => {
  const page = await context.newPage();
  const logs: string[] = [];
  page.on('console', (message) => logs.push(message.text()));
  await page.goto('/');
  const code = `(async () => { ${example.replace('/api/media/456/share', `/api/media/${id}/share`)}\n return { result, status: response.status }; })()`;
  const outcome = (await page.evaluate(code)) as { result: Record<string, unknown>; status: number };
  await page.close();
  return { ...outcome, logs };
};

beforeAll(async () => {
  server = await startServer();
  const username = `seed${Date.now().toString(36)}`;
  const res = await fetch(`${server.url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${username}@example.test`, username, password: 'a long enough password' }),
  });
  cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';
  browser = await launchChromium();
  context = await browser.newContext({ baseURL: server.url });
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name: name ?? '', value: value ?? '', url: server.url }]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the API documentation’s examples, run against the server', () => {
  it('cURL: share to community with tags', async () => {
    const id = await upload();
    const { status, body } = await runCurl(CURL_COMMUNITY, id);
    expect(status).toBe(200);
    expect(body).toEqual({
      shareCode: expect.stringMatching(/^[0-9a-f]{32}$/),
      shareUrl: `/shared/media/${body.shareCode}`,
      communityUrl: expect.stringMatching(/\/storage\/v1\/object\/public\/general\/beach_photo-[0-9a-f]{8}\.jpg$/),
      communityMediaId: expect.any(Number),
    });
  });

  it('cURL: share without community (link only)', async () => {
    const id = await upload();
    const { status, body } = await runCurl(CURL_LINK_ONLY, id);
    expect(status).toBe(200);
    expect(body).toEqual({ shareCode: expect.any(String), shareUrl: `/shared/media/${body.shareCode}` });
  });

  it('JavaScript (Fetch API), then "Unshare from Community", in the browser', async () => {
    const id = await upload();
    const shared = await runInBrowser(JS_SHARE, id);
    expect(shared.status).toBe(200);
    expect(shared.result.communityMediaId).toEqual(expect.any(Number));
    expect(shared.logs).toEqual([`Share URL: ${shared.result.shareUrl}`, `Share code: ${shared.result.shareCode}`]);

    const unshared = await runInBrowser(JS_UNSHARE, id);
    expect(unshared.status).toBe(200);
    expect(unshared.result).toEqual({ shareCode: shared.result.shareCode, shareUrl: shared.result.shareUrl });
    expect(unshared.logs).toEqual(['Media unshared from community']);
  });
});
