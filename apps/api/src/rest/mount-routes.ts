import { authorize, ERRORS, formatZodError, toAppError } from '@mediashare/core';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode, StatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { AppEnv } from '../deps';
import { errorResponse } from '../http/errors';
import { receiveFile } from '../http/multipart';
import { spendRequestBudget } from '../http/request-budget';
import { refuseLargeUpload } from '../http/upload-limit';
import { parseInput, parseJsonBody, refuseLargeJsonBody } from '../http/validate';
import type { Route, RouteResponse } from './define-route';
import { handleIdempotently, idempotencyKeyOf } from './idempotent-route';
import { responsesOf } from './responses';

export interface MountOptions {
  /**
   * Holds every answer to the route's declaration, as tRPC holds procedures to their output schemas:
   * an undeclared status or a body that does not match its schema answers 500 saying so. For tests.
   */
  validateResponses?: boolean;
}

type ZObject = z.ZodObject<z.ZodRawShape>;

/** The schema under optional/default/nullable wrappers, whose type decides how text becomes a value. */
type Inspectable = { _zod: { def: { type: string; innerType?: Inspectable } } };
const baseType = (schema: Inspectable): string => {
  let current = schema;
  while (current._zod.def.innerType) current = current._zod.def.innerType;
  return current._zod.def.type;
};

/** Path segments are text: ids become numbers when they are decimal digits, and are refused otherwise. */
const pathValues = (schema: ZObject, raw: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(raw).map(([key, value]) => {
      const field = schema.shape[key];
      return [key, field && baseType(field) === 'number' && /^\d{1,16}$/.test(value) ? Number(value) : value];
    }),
  );

/** Query values: numbers as numbers, lists repeated (`tags=a&tags=b`) or comma-separated (`tags=a,b`). */
const queryValues = (schema: ZObject, c: Context) =>
  Object.fromEntries(
    Object.entries(schema.shape).flatMap(([key, field]): [string, unknown][] => {
      const values = c.req.queries(key);
      if (!values) return [];
      const type = baseType(field);
      if (type === 'array') {
        return [
          [
            key,
            values
              .flatMap((v) => v.split(','))
              .map((v) => v.trim())
              .filter(Boolean),
          ],
        ];
      }
      return [[key, type === 'number' ? Number(values[0]) : values[0]]];
    }),
  );

const toHonoPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

/** The success a handler's plain return value answers with: the route's first 2xx with a body or none. */
const successOf = (route: Route): [number, RouteResponse] => {
  const found = Object.entries(route.responses).find(
    ([status, response]) => Number(status) < 300 && (response?.kind === 'json' || response?.kind === 'plain'),
  );
  return found ? [Number(found[0]), found[1] as RouteResponse] : [200, { kind: 'binary', description: '' }];
};

/**
 * Turns the request into the handler's input in a fixed order: size, caller, budget, Idempotency-Key,
 * path, query, body.
 */
const handle = async (route: Route, c: Context<AppEnv>) => {
  const { params, query, body } = route.request ?? {};
  // A JSON body's declared length is judged first, before any database work for the caller.
  if (body?.kind === 'json') refuseLargeJsonBody(c);
  const { user } = authorize(c.get('caller'), route.access);
  // Spent before any input is read, so a flood of bad requests costs its sender too.
  if (route.budget) {
    for (const [name, value] of Object.entries(await spendRequestBudget(c, route.budget, user?.id))) c.header(name, value);
  }
  // Keys are per user: a route anyone may call creates nothing worth replaying for an anonymous caller.
  const key = route.idempotent && user ? idempotencyKeyOf(c) : undefined;
  const input = {
    c,
    deps: c.get('deps'),
    user,
    params: params ? parseInput(params, pathValues(params, c.req.param() as Record<string, string>)) : undefined,
    query: query ? parseInput(query, queryValues(query, c)) : undefined,
    body: undefined as unknown,
  };
  if (body?.kind === 'json') input.body = await parseJsonBody(c, body.schema);
  if (body?.kind === 'file') {
    refuseLargeUpload(c);
    const { env } = c.get('deps');
    input.body = await receiveFile(c, body.field, {
      bytesPerSecond: env.UPLOAD_MIN_BYTES_PER_SEC,
      windowMs: env.UPLOAD_WINDOW_SECONDS * 1000,
    });
  }
  if (key === undefined || !user) return route.handler(input as never);
  const [status, success] = successOf(route);
  return handleIdempotently(route, { ...input, user }, key, { status, hasBody: success.kind === 'json' }, (ready) =>
    route.handler(ready as never),
  );
};

/** Adds declared routes to an app; the mount order of the app decides which middleware runs before them. */
export const mountRoutes = (app: Hono<AppEnv>, routes: readonly Route[], { validateResponses = false }: MountOptions = {}) => {
  for (const route of routes) {
    const [status, success] = successOf(route);
    const answers = validateResponses ? responsesOf(route) : null;
    // Answered rather than thrown, so a test sees what broke instead of a bare 500.
    const broken = (c: Context<AppEnv>, problem: string) =>
      errorResponse(c, ERRORS.declarationBroken({ operationId: route.operationId, problem }));

    app.on(route.method.toUpperCase(), route.honoPath ?? toHonoPath(route.path), async (c) => {
      let result: unknown;
      try {
        result = await handle(route, c);
      } catch (error) {
        const refusal = toAppError(error).status;
        if (answers && !answers.has(refusal)) return broken(c, `${refusal} is not a declared answer`);
        throw error;
      }
      if (result instanceof Response) {
        if (answers && !answers.has(result.status)) return broken(c, `${result.status} is not a declared answer`);
        return result;
      }
      if (success.kind === 'plain') return c.body(null, status as StatusCode);
      if (answers && success.kind === 'json') {
        const checked = success.schema.safeParse(result);
        if (!checked.success) return broken(c, formatZodError(checked.error));
      }
      return c.json(result as object, status as ContentfulStatusCode);
    });
  }
};
