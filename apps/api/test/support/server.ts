import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { App } from '../../src/app';

/** The app on a real socket (port chosen by the OS), for what app.request() cannot show. */
export const listen = async (app: App) => {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
