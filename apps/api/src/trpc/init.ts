import { ACCESS, authorize, type Access, type Caller, type TBudget } from '@mediashare/core';
import { initTRPC, TRPCError } from '@trpc/server';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../deps';
import { spendRequestBudget } from '../http/request-budget';
import { formatError, toTRPCError } from './errors';

export type TrpcContext = {
  deps: AppDeps;
  /** Who is calling; each procedure tier asks the policy (authorize in core) what that caller may do. */
  caller: Caller;
  sessionId: string | undefined;
  /** The HTTP exchange underneath, for the client address and configuration. */
  hono: Context<AppEnv>;
  /** Headers of the response the fetch adapter will send (Set-Cookie goes here). */
  resHeaders: Headers;
};

/** What a procedure declares beside its input and output: the request budget it spends, as REST routes do. */
export interface TrpcMeta {
  budget?: TBudget;
}

const t = initTRPC.context<TrpcContext>().meta<TrpcMeta>().create({ errorFormatter: formatError });

/** Whatever a procedure throws leaves as a TRPCError (see errors.ts); tRPC's own errors pass as they are. */
const mapErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok && !(result.error.cause instanceof TRPCError) && result.error.code === 'INTERNAL_SERVER_ERROR') {
    throw toTRPCError(result.error.cause, path);
  }
  return result;
});

const base = t.procedure.use(mapErrors);

/**
 * A tier: the policy's decision for `access`, and the caller's user in the context from then on; then
 * the procedure's budget (`.meta({ budget })`), spent from the same count as the REST route's. Each call
 * of a batch spends its own request.
 */
const tier = <A extends Access>(access: A | ((type: 'query' | 'mutation' | 'subscription') => A)) =>
  base
    .use(({ ctx, type, next }) => next({ ctx: authorize(ctx.caller, typeof access === 'function' ? access(type) : access) }))
    .use(async ({ ctx, meta, next }) => {
      if (meta?.budget) {
        for (const [name, value] of Object.entries(await spendRequestBudget(ctx.hono, meta.budget, ctx.user?.id))) {
          ctx.resHeaders.set(name, value);
        }
      }
      return next();
    });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone; `ctx.user` is the signed-in user or null. Bad credentials are refused here too. */
export const publicProcedure = tier(ACCESS.public);

/** Signed in by session or token; a token needs `read` for queries and `share` for mutations. */
export const protectedProcedure = tier((type) => ACCESS.signedIn(type === 'query' ? 'read' : 'share'));

/** Signed in by session only: what a token must not do to itself (tokens manage no tokens). */
export const sessionProcedure = tier(ACCESS.session);

/** Admins signed in by session; to anyone else the procedure answers as one that does not exist. */
export const adminProcedure = tier(ACCESS.admin);
