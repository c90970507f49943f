import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../src/trpc/router';
import { uniqueName, uploadFile } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/** A typed client whose requests go through app.request(), carrying cookies like a browser would. */
const clientFor = () => {
  const jar = { cookie: '' };
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: 'http://localhost:3000/trpc',
        fetch: async (url, init) => {
          const headers = new Headers(init?.headers);
          if (jar.cookie) headers.set('cookie', jar.cookie);
          const res = await h.app.request(String(url), { ...init, headers } as RequestInit);
          const set = res.headers.get('set-cookie');
          if (set) jar.cookie = set.split(';')[0] ?? '';
          return res;
        },
      }),
    ],
  });
  return { client, jar };
};

describe('tRPC accounts and vault', () => {
  it('registers, answers me, lists the vault and signs out', async () => {
    const { client, jar } = clientFor();
    expect(await client.auth.me.query()).toBeNull();
    const username = uniqueName();
    const user = await client.auth.register.mutate({
      email: `${username}@example.test`,
      username,
      password: 'long enough password',
    });
    expect(user.username).toBe(username);
    expect((await client.auth.me.query())?.id).toBe(user.id);

    const uploaded = await uploadFile(h.app, { ...user, password: '', cookie: jar.cookie }, await makeImage('png'));
    const page = await client.media.list.query({ limit: 10 });
    expect(page.items.map((m) => m.id)).toEqual([uploaded.body.id]);
    expect(await client.media.get.query({ id: uploaded.body.id })).toMatchObject({ id: uploaded.body.id, mimeType: 'image/png' });

    await client.media.delete.mutate({ id: uploaded.body.id });
    expect((await client.media.list.query({})).items).toEqual([]);

    await client.auth.logout.mutate();
    expect(await client.auth.me.query()).toBeNull();
  });

  it('gives the same errors as REST: 401, 404 and a 400 naming the field', async () => {
    const { client } = clientFor();
    await expect(client.media.list.query({})).rejects.toMatchObject({
      message: 'Authentication required',
      data: { httpStatus: 401 },
    });
    const username = uniqueName();
    await client.auth.register.mutate({ email: `${username}@example.test`, username, password: 'long enough password' });
    await expect(client.media.get.query({ id: 2147483000 })).rejects.toMatchObject({
      message: 'Media not found',
      data: { httpStatus: 404 },
    });
    const bad = await client.auth.login.mutate({ email: '', password: 'x' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(TRPCClientError);
    expect((bad as TRPCClientError<AppRouter>).message).toMatch(/Invalid field "email"/);
  });

  it('lists the canonical tags', async () => {
    const { client } = clientFor();
    const tags = await client.tags.list.query();
    expect(tags.map((t) => t.slug)).toEqual(expect.arrayContaining(['landscape', 'portrait', 'black-and-white', 'night']));
  });
});
