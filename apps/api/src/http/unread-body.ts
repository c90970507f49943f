import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps';

/** A refused body this small is read to its end before answering, so the connection stays usable. */
export const DRAIN_MAX_BYTES = 8 * 1024 * 1024;
/** ... if it arrives within this; a slower client gets `Connection: close` instead. */
export const DRAIN_MAX_MS = 5000;

/** Reads and discards the rest of a request body; true when it ended within `ms`. */
const drain = (incoming: IncomingMessage, ms: number) =>
  new Promise<boolean>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      incoming.off('end', done).off('close', done).off('error', done);
      resolve(incoming.readableEnded);
    };
    const timer = setTimeout(done, ms);
    // Whatever was reading it (the multipart parser) has given up on it.
    incoming.unpipe();
    incoming.on('end', done).on('close', done).on('error', done);
    incoming.on('data', () => {});
    incoming.resume();
  });

/**
 * A request refused before its body was read (an upload refused from its first bytes or its declared
 * length, a refusal of the caller) leaves the rest of that body on the connection. Answered as
 * keep-alive, the client's next request on that connection would be read as the tail of this body, or
 * the connection would be cut under it. So: a small remainder is read first and the connection kept;
 * anything else is answered with `Connection: close`, and the server then closes only after the answer
 * is out, reading on meanwhile so the client can read it (node-server.ts, lingering close).
 */
export const settleUnreadBody = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  await next();
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || incoming.readableEnded || incoming.destroyed) return;
  const declared = Number(c.req.header('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared <= DRAIN_MAX_BYTES && (await drain(incoming, DRAIN_MAX_MS))) return;
  try {
    c.res.headers.set('Connection', 'close');
  } catch {
    c.header('Connection', 'close');
  }
};
