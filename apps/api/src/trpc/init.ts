import { ERRORS, type AppError, type TTokenScope, type UserRecord } from '@mediashare/core';
import { initTRPC, TRPCError } from '@trpc/server';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../deps';
import { formatError, toTRPCError } from './errors';

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

const t = initTRPC.context<TrpcContext>().create({ errorFormatter: formatError });

/** Whatever a procedure throws leaves as a TRPCError (see errors.ts); tRPC's own errors pass as they are. */
const mapErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok && !(result.error.cause instanceof TRPCError) && result.error.code === 'INTERNAL_SERVER_ERROR') {
    throw toTRPCError(result.error.cause, path);
  }
  return result;
});

/** A bearer header that is malformed or names no valid token is refused, whatever the procedure. */
const refuseBadCredentials = t.middleware(({ ctx, next }) => {
  if (ctx.authProblem) throw ctx.authProblem;
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapErrors).use(refuseBadCredentials);

/** Signed in by session or token; a token needs `read` for queries and `share` for mutations. */
export const protectedProcedure = publicProcedure.use(({ ctx, type, next }) => {
  if (!ctx.user) throw ERRORS.authRequired();
  const needed = type === 'query' ? 'read' : 'share';
  if (ctx.tokenScopes && !ctx.tokenScopes.includes(needed)) {
    throw ERRORS.missingScope({ scope: needed });
  }
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Signed in by session only: what a token must not do to itself (tokens manage no tokens). */
export const sessionProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.tokenScopes) throw ERRORS.sessionOnly();
  return next();
});
