import { formatZodIssues, isAppError, type AppError, type TTokenScope, type UserRecord } from '@mediashare/core';
import { initTRPC, TRPCError } from '@trpc/server';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../deps';
import { AUTH_MESSAGES } from '../http/auth';
import { toAppError, TRPC_CODES } from '../http/errors';

export interface TrpcContext {
  deps: AppDeps;
  user: UserRecord | null;
  sessionId: string | undefined;
  /** Scopes of the API token the call came with; undefined for cookie sessions. */
  tokenScopes: TTokenScope[] | undefined;
  authProblem: AppError | null;
  /** The HTTP exchange underneath, for the client address and configuration. */
  hono: Context<AppEnv>;
  /** Headers of the response the fetch adapter will send (Set-Cookie goes here). */
  resHeaders: Headers;
}

const hasIssues = (cause: unknown): cause is { issues: Parameters<typeof formatZodIssues>[0] } =>
  typeof cause === 'object' && cause !== null && Array.isArray((cause as { issues?: unknown }).issues);

const t = initTRPC.context<TrpcContext>().create({
  // Input failures read the same as the REST adapter's 400s: one sentence naming the field.
  errorFormatter: ({ shape, error }) => ({
    ...shape,
    message: error.code === 'BAD_REQUEST' && hasIssues(error.cause) ? formatZodIssues(error.cause.issues) : shape.message,
    data: {
      ...shape.data,
      retryAfter: isAppError(error.cause) ? error.cause.retryAfter : undefined,
      stack: undefined,
    },
  }),
});

/** Domain errors become TRPCErrors with the same message; anything unknown is a plain 500. */
const mapErrors = t.middleware(async ({ next, ctx }) => {
  const result = await next();
  if (!result.ok && !(result.error.cause instanceof TRPCError) && result.error.code === 'INTERNAL_SERVER_ERROR') {
    const appError = toAppError(result.error.cause);
    if (appError.status >= 500) ctx.deps.logger.error({ err: result.error.cause }, 'procedure failed');
    throw new TRPCError({ code: TRPC_CODES[appError.code], message: appError.message, cause: appError });
  }
  return result;
});

/** A bearer header that is malformed or names no valid token is refused, whatever the procedure. */
const refuseBadCredentials = t.middleware(({ ctx, next }) => {
  if (ctx.authProblem) throw new TRPCError({ code: 'UNAUTHORIZED', message: ctx.authProblem.message });
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapErrors).use(refuseBadCredentials);

/** Signed in by session or token; a token needs `read` for queries and `share` for mutations. */
export const protectedProcedure = publicProcedure.use(({ ctx, type, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Authentication required' });
  const needed = type === 'query' ? 'read' : 'share';
  if (ctx.tokenScopes && !ctx.tokenScopes.includes(needed)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: AUTH_MESSAGES.missingScope(needed) });
  }
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Signed in by session only: what a token must not do to itself (tokens manage no tokens). */
export const sessionProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.tokenScopes) throw new TRPCError({ code: 'FORBIDDEN', message: AUTH_MESSAGES.sessionOnly });
  return next();
});
