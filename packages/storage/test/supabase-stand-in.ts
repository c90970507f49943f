/**
 * A stand-in for Supabase Storage, for tests. It follows Storage API v1, the REST surface of the supabase/storage
 * server (1.x line) that a project serves under /storage/v1: routes as in its src/http/routes/{object,bucket},
 * error bodies as its error handler renders the catalogue of src/internal/errors/codes.ts, and the legacy
 * statuses its own acceptance suite pins (acceptance/specs/rest-extended.test.ts). That means errors are
 * HTTP 400 (500 for server faults) with the real status as a string in the body, e.g.
 * `400 { "statusCode": "404", "error": "not_found", "message": "Object not found" }`, and that a request without
 * `Authorization` gets `400 { "statusCode": "400", ... }`, one with a wrong key `400 { "statusCode": "403", "error": "Unauthorized" }`.
 *
 * Only the endpoints the SupabaseStorage driver and bootstrapBuckets use exist here; the only accepted bearer is
 * the service key (the real server also accepts user JWTs under row-level security). Tests can inject faults
 * into the next matching requests and read every request the stand-in saw.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { ApiError, apiErrors, sendError, sendJson } from './stand-in/api-errors';
import { bucketRoutes } from './stand-in/bucket-routes';
import { ObjectStore } from './stand-in/object-store';
import { objectRoutes } from './stand-in/object-routes';
import { decodeParams, type Route } from './stand-in/route';

const PREFIX = '/storage/v1';

export type Fault =
  /** Answer with this status (and body) without doing the work. */
  | { type: 'status'; status: number; body?: unknown }
  /** Drop the connection without an answer. */
  | { type: 'reset' }
  /** Take the request and never answer. */
  | { type: 'hang' }
  /** Answer normally, but stop after this many bytes of the object with the response left open. */
  | { type: 'stall'; afterBytes: number };

export interface FaultMatch {
  method?: string;
  /** Tested against the path below /storage/v1, e.g. /^\/object\/authenticated\//. */
  path?: RegExp;
  /** How many matching requests get the fault (default 1). */
  times?: number;
}

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  at: number;
}

export interface SupabaseStandIn {
  /** What SUPABASE_URL would be. */
  url: string;
  serviceKey: string;
  requests: SeenRequest[];
  store: ObjectStore;
  inject: (fault: Fault, match?: FaultMatch) => void;
  /** Forgets every fault not yet used up: the server is back. */
  clearFaults: () => void;
  close: () => Promise<void>;
}

const discard = async (req: IncomingMessage) => {
  if (req.readableEnded || req.destroyed) return;
  req.resume();
  await finished(req).catch(() => undefined);
};

/** A new Supabase project's global file size limit (hosted free plan and the self-hosted FILE_SIZE_LIMIT): 50 MB. */
export const DEFAULT_PROJECT_FILE_SIZE_LIMIT = 50 * 1024 * 1024;

export interface StandInOptions {
  /** The project's global file size limit, in bytes. */
  fileSizeLimit?: number;
}

export const startSupabaseStandIn = async (options: StandInOptions = {}): Promise<SupabaseStandIn> => {
  const root = await mkdtemp(path.join(tmpdir(), 'mediashare-supabase-'));
  const store = new ObjectStore(root);
  const serviceKey = `service-role-${randomBytes(16).toString('hex')}`;
  const routes: Route[] = [...objectRoutes, ...bucketRoutes];
  const faults: (Fault & { match: FaultMatch; remaining: number })[] = [];
  const requests: SeenRequest[] = [];

  const takeFault = (method: string, apiPath: string) => {
    const armed = faults.find(
      ({ match, remaining }) =>
        remaining > 0 && (!match.method || match.method === method) && (!match.path || match.path.test(apiPath)),
    );
    if (armed) armed.remaining -= 1;
    return armed;
  };

  const authenticate = (req: IncomingMessage) => {
    const header = req.headers.authorization;
    if (!header) throw apiErrors.validation("headers must have required property 'authorization'");
    const token = header.replace(/^Bearer\s+/i, '');
    if (token !== serviceKey) throw apiErrors.accessDenied(token.split('.').length === 3 ? 'invalid signature' : 'jwt malformed');
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = req.method ?? 'GET';
    // What the project's API gateway answers for a path no service owns.
    if (!url.pathname.startsWith(`${PREFIX}/`)) return sendJson(res, 404, { message: 'no Route matched with those values' });
    const apiPath = url.pathname.slice(PREFIX.length);
    requests.push({ method, path: apiPath, headers: req.headers, at: performance.now() });

    const fault = takeFault(method, apiPath);
    if (fault?.type === 'reset') return void req.socket.destroy();
    if (fault?.type === 'hang') return void req.resume();
    if (fault?.type === 'status') {
      await discard(req);
      return sendJson(
        res,
        fault.status,
        fault.body ?? { statusCode: String(fault.status), error: 'injected', message: 'Injected fault' },
      );
    }

    try {
      const found = routes
        .filter((route) => route.method === method)
        .map((route) => ({ route, match: route.pattern.exec(apiPath) }))
        .find(({ match }) => match);
      if (!found?.match) {
        await discard(req);
        // Fastify's own not-found answer, which Storage leaves in place.
        return sendJson(res, 404, { statusCode: 404, error: 'Not Found', message: `Route ${method}:${apiPath} not found` });
      }
      if (!found.route.isPublic) authenticate(req);
      const params = decodeParams(found.match.slice(1));
      await found.route.handle({
        req,
        res,
        url,
        params,
        store,
        fileSizeLimit: options.fileSizeLimit ?? DEFAULT_PROJECT_FILE_SIZE_LIMIT,
        ...(fault?.type === 'stall' ? { stallAfter: fault.afterBytes } : {}),
      });
    } catch (error) {
      if (res.headersSent) return void res.destroy();
      await discard(req);
      sendError(
        res,
        error instanceof ApiError
          ? error
          : new ApiError({ statusCode: '500', code: 'InternalError', error: 'Internal', message: String(error) }),
      );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    serviceKey,
    requests,
    store,
    inject: (fault, match = {}) => faults.push({ ...fault, match, remaining: match.times ?? 1 }),
    clearFaults: () => void faults.splice(0),
    close: async () => {
      // Hung and stalled responses would otherwise keep the server open forever.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    },
  };
};
