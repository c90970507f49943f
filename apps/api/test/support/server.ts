import type { AddressInfo } from 'node:net';
import type { App } from '../../src/app';
import { startServer } from '../../src/http/node-server';

/** The app on a real socket (port chosen by the OS), served as main.ts serves it, for what app.request() cannot show. */
export const listen = async (app: App, limits = { headersTimeoutMs: 20_000, requestTimeoutMs: 60_000 }) => {
  const server = await new Promise<ReturnType<typeof startServer>>((resolve) => {
    const s = startServer(app, { port: 0, hostname: '127.0.0.1', ...limits }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
