import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { createMediashareClient, registerGeneratedMedia } from '../src';

describe('the client bundle', () => {
  it.each(['browser', 'node'] as const)('carries no server code (%s)', async (platform) => {
    const result = await build({
      entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
      bundle: true,
      write: false,
      format: 'esm',
      platform,
      metafile: true,
      minify: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const server = inputs.filter((file) =>
      /apps\/api|packages\/(core|db|storage|imaging)|hono|drizzle|sharp|postgres|pglite|zod/.test(file),
    );
    expect(server).toEqual([]);
    const bytes = result.outputFiles[0]?.contents.length ?? 0;
    expect(bytes).toBeLessThan(60 * 1024);
  });
});

describe('createMediashareClient', () => {
  it('calls /trpc on the given server with the bearer token', async () => {
    const seen: { url: string; authorization: string | null }[] = [];
    const client = createMediashareClient({
      url: 'https://media.example.test/',
      token: 'msk_example',
      fetch: async (input, init) => {
        seen.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
        return new Response(JSON.stringify([{ result: { data: [{ id: 1, slug: 'night', label: 'Night' }] } }]), {
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    expect(await client.tags.list.query()).toEqual([{ id: 1, slug: 'night', label: 'Night' }]);
    expect(seen).toEqual([
      { url: 'https://media.example.test/trpc/tags.list?batch=1&input=%7B%7D', authorization: 'Bearer msk_example' },
    ]);
  });
});

describe('registerGeneratedMedia', () => {
  it('posts the file to the internal route with the service token and reports refusals', async () => {
    let request: Request | undefined;
    const answer = { id: 7, source: 'babecock' };
    const ok = await registerGeneratedMedia({
      url: 'https://media.example.test',
      serviceToken: 'service',
      userId: 3,
      source: 'babecock',
      file: new Blob([new Uint8Array([1, 2, 3])]),
      fileName: 'x.png',
      fetch: async (input, init) => {
        request = new Request(input, init);
        return new Response(JSON.stringify(answer), { status: 201, headers: { 'content-type': 'application/json' } });
      },
    });
    expect(ok).toEqual(answer);
    expect(request?.url).toBe('https://media.example.test/api/internal/users/3/generated/babecock');
    expect(request?.headers.get('authorization')).toBe('Bearer service');
    expect((await request?.formData())?.get('file')).toBeInstanceOf(Blob);

    await expect(
      registerGeneratedMedia({
        url: 'https://media.example.test',
        serviceToken: 'service',
        userId: 3,
        source: 'babecock',
        file: new Blob([]),
        fileName: 'x.png',
        fetch: async () =>
          new Response(JSON.stringify({ message: 'Unsupported file type' }), {
            status: 415,
            headers: { 'content-type': 'application/json' },
          }),
      }),
    ).rejects.toThrow(/415.*Unsupported file type/);
  });
});
