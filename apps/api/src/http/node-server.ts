import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { serve } from '@hono/node-server';
import type { App } from '../app';

/** How long a connection being closed keeps reading what its client still sends. */
export const LINGER_MS = 5000;

/**
 * Node closes a `Connection: close` connection with destroySoon(): the socket is destroyed as soon as
 * the answer is written. If the client is still sending a body then, the unread bytes make the kernel
 * answer with a reset, and the client may lose the answer it had not read yet. A lingering close sends
 * the answer and a FIN, then reads and discards until the client closes its side or LINGER_MS passes.
 */
const lingeringClose = (socket: Socket) => () => {
  if (socket.destroyed) return;
  const destroy = () => {
    clearTimeout(timer);
    socket.destroy();
  };
  const timer = setTimeout(destroy, LINGER_MS);
  timer.unref();
  socket.once('end', destroy);
  socket.on('data', () => {});
  socket.end();
  socket.resume();
};

export interface ServerOptions {
  port: number;
  hostname: string;
  /** A request's headers must arrive whole within this (slow-header attacks). */
  headersTimeoutMs: number;
  /** A request other than an upload must arrive whole within this; uploads are judged by progress instead. */
  requestTimeoutMs: number;
}

const isUpload = (req: IncomingMessage) => /^multipart\/form-data/i.test(req.headers['content-type'] ?? '');
const hasBody = (req: IncomingMessage) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/**
 * The app on Node's HTTP server, as `main.ts` runs it and the socket-level tests start it. Node's own
 * requestTimeout (300 s by default) would cut any upload at that age however fast it moves, so it is off:
 * uploads are judged by progress where they are read (multipart.ts), and every other request gets
 * `requestTimeoutMs` for its body here. Headers keep a tight limit, checked every second.
 */
export const startServer = (
  app: App,
  { port, hostname, headersTimeoutMs, requestTimeoutMs }: ServerOptions,
  onListen?: (info: { port: number }) => void,
) => {
  const server = serve(
    {
      fetch: app.fetch,
      port,
      hostname,
      serverOptions: { requestTimeout: 0, headersTimeout: headersTimeoutMs, connectionsCheckingInterval: 1000 },
    },
    onListen,
  );
  server.on('connection', (socket: Socket) => {
    socket.destroySoon = lingeringClose(socket);
  });
  server.on('request', (req: IncomingMessage) => {
    if (req.complete || !hasBody(req) || isUpload(req)) return;
    const timer = setTimeout(() => {
      // Still not whole: a client trickling a small body. Nothing was answered yet; the connection goes.
      if (!req.complete) req.socket.destroy();
    }, requestTimeoutMs);
    timer.unref();
    req.once('end', () => clearTimeout(timer)).once('close', () => clearTimeout(timer));
  });
  return server;
};
