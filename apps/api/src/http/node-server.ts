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
}

/** The app on Node's HTTP server, as `main.ts` runs it and the socket-level tests start it. */
export const startServer = (app: App, { port, hostname }: ServerOptions, onListen?: (info: { port: number }) => void) => {
  const server = serve({ fetch: app.fetch, port, hostname }, onListen);
  server.on('connection', (socket: Socket) => {
    socket.destroySoon = lingeringClose(socket);
  });
  return server;
};
