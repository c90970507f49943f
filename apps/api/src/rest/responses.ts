import { ERRORS, type AppError } from '@mediashare/core';
import { JSON_BODY_LIMIT } from '../http/validate';
import type { Route, RouteResponse } from './define-route';

const UNSAFE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/** What each status means when a route does not say more. */
const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed input; the message names the field.',
  401: 'No valid session or API token.',
  403: 'A browser request from another origin, or an API token without the needed scope.',
  404: 'Missing, or not yours: the two are not told apart.',
  408: 'The upload stopped making progress (less than the minimum rate over the window).',
  409: 'Taken already.',
  410: 'Removed by a moderator.',
  413: 'The body is over the size limit.',
  415: 'A JSON body not sent as application/json, or an upload that is not JPEG, PNG, WebP, GIF, MP4, WebM or QuickTime.',
  422: 'An image over the pixel limit, or one whose dimensions cannot be read.',
  429: 'Too many requests; retry after Retry-After seconds.',
  500: 'The request could not be completed; nothing was left half-done.',
  503: 'Storage or the database does not answer, or the item is being changed by another request; retry after Retry-After seconds.',
};

/** What a status means when only an implied refusal gives it (the route declares nothing there). */
const IMPLIED_DESCRIPTIONS: Partial<Record<string, string>> = {
  idempotencyKeyReused: 'The Idempotency-Key was used for a different request.',
  idempotencyInProgress: 'A request with the same Idempotency-Key is still running; retry after Retry-After seconds.',
};

/** The fields every answer of a route with a budget carries (IETF draft-06 names; README: Rate limits). */
export const RATE_LIMIT_HEADERS: Record<string, string> = {
  'RateLimit-Limit': 'Requests allowed in the window of the tightest budget this request spent from',
  'RateLimit-Remaining': 'Requests left in that window',
  'RateLimit-Reset': 'Seconds until that window ends',
  'RateLimit-Policy': 'That budget as `<limit>;w=<window seconds>`',
};

/** What the success of an idempotent route may carry (README: Idempotency-Key). */
export const IDEMPOTENCY_HEADERS: Record<string, string> = {
  'Idempotent-Replayed': "`true` when this is the answer stored under the request's Idempotency-Key, not a new one",
};

/** Only routes under /api learn who calls (http/caller.ts); internal ones know only the service. */
const readsCredentials = (route: Route) => route.path.startsWith('/api/') && route.access.kind !== 'service';

/** The refusals a route can give without saying so: the policy's, the origin check's and its body's. */
const impliedErrors = (route: Route): AppError[] => {
  const { access } = route;
  const errors: AppError[] = [];
  if (access.kind === 'service' || access.kind === 'admin') errors.push(ERRORS.routeNotFound());
  if (readsCredentials(route)) {
    if (access.kind !== 'admin') errors.push(ERRORS.malformedAuthorization(), ERRORS.invalidApiToken());
    if (access.kind === 'signedIn' || access.kind === 'session') errors.push(ERRORS.authRequired());
    if (access.kind === 'signedIn') errors.push(ERRORS.missingScope({ scope: access.scope }));
    if (access.kind === 'session') errors.push(ERRORS.sessionOnly());
    if (UNSAFE_METHODS.has(route.method)) errors.push(ERRORS.crossOrigin());
    // Identifying the caller reads the database before the route runs: when that read fails, the answer
    // is the catalog's 500, on every route that reads credentials.
    errors.push(ERRORS.internal());
  }
  if (route.idempotent) {
    errors.push(ERRORS.invalidIdempotencyKey(), ERRORS.idempotencyKeyReused(), ERRORS.idempotencyInProgress({ retryAfter: 1 }));
  }
  if (route.budget) {
    const scope = route.access.kind === 'public' ? 'address' : 'account';
    errors.push(ERRORS.rateLimited({ budget: route.budget, scope, limit: 20, windowSeconds: 3600, retryAfter: 1200 }));
  }
  const body = route.request?.body;
  if (body?.kind === 'json') {
    errors.push(ERRORS.malformedJson(), ERRORS.bodyTooLarge({ limit: JSON_BODY_LIMIT }), ERRORS.jsonRequired());
  }
  if (body?.kind === 'file') {
    errors.push(
      ERRORS.missingFileField({ field: body.field }),
      ERRORS.fileTooLarge({ limit: 2 * 1024 ** 3 }),
      ERRORS.uploadTooSlow({ bytesPerSecond: 16384, windowSeconds: 60 }),
    );
  }
  if ((route.outages ?? 'retry') === 'retry') errors.push(ERRORS.storageUnavailable(), ERRORS.databaseUnavailable());
  // Whatever the route does, identifying its caller reads the database first: a database that does not
  // answer is that 503 there too (the seed's endpoints and the docs included).
  else if (readsCredentials(route)) errors.push(ERRORS.databaseUnavailable());
  return errors;
};

/**
 * Every answer a route can give, by status: what it declares, plus the refusals its access and body
 * imply. The OpenAPI document shows these, and tests hold every answer to them.
 */
export const responsesOf = (route: Route): Map<number, RouteResponse> => {
  const all = new Map<number, RouteResponse>();
  for (const [status, response] of Object.entries(route.responses)) {
    if (!response) continue;
    // A budget's successes say where the caller stands in it.
    const success = Number(status) < 300 && (response.kind === 'json' || response.kind === 'plain');
    const headers = {
      ...(success && route.budget ? RATE_LIMIT_HEADERS : {}),
      ...(success && route.idempotent ? IDEMPOTENCY_HEADERS : {}),
    };
    all.set(
      Number(status),
      success && Object.keys(headers).length > 0 ? { ...response, headers: { ...response.headers, ...headers } } : response,
    );
  }
  for (const error of impliedErrors(route)) {
    const declared = all.get(error.status);
    if (declared && declared.kind !== 'error') throw new Error(`${route.operationId}: ${error.status} is not an error answer`);
    const errors = declared?.errors ?? [];
    if (!errors.some((e) => e.code === error.code)) {
      const description = declared ? declared.description : IMPLIED_DESCRIPTIONS[error.code];
      all.set(error.status, { ...declared, kind: 'error', errors: [...errors, error], ...(description ? { description } : {}) });
    }
  }
  for (const [status, response] of all) {
    if (response.kind !== 'error') continue;
    const wrong = response.errors.find((e) => e.status !== status);
    if (wrong) throw new Error(`${route.operationId}: ${wrong.code} is a ${wrong.status}, listed under ${status}`);
  }
  return new Map([...all].sort(([a], [b]) => a - b));
};

export const describeStatus = (status: number, response: RouteResponse) =>
  response.description ?? DESCRIPTIONS[status] ?? `Answered with ${status}.`;
