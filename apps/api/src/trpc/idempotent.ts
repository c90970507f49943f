import { fingerprintOf, replayOrRun } from '@mediashare/core';
import type { TrpcContext } from './init';
import { REPLAYED_HEADER } from '../rest/idempotent-route';

/**
 * The tRPC form of an idempotent REST route: the key comes in the input's `idempotencyKey` field (each
 * call of a batch has its own), and the same rules hold (core: replayOrRun). Without a key, `run` runs.
 */
export const runOnce = async <T>(
  ctx: Pick<TrpcContext, 'deps' | 'resHeaders'> & { user: { id: number } },
  operation: string,
  { idempotencyKey, ...request }: { idempotencyKey?: string | undefined } & Record<string, unknown>,
  run: () => Promise<T>,
): Promise<T> => {
  if (idempotencyKey === undefined) return run();
  const fingerprint = fingerprintOf(`trpc:${operation}`, request);
  const outcome = await replayOrRun(ctx.deps, {
    userId: ctx.user.id,
    key: idempotencyKey,
    fingerprint: async () => fingerprint,
    run: async () => {
      const result = await run();
      return { result, fingerprint, answer: { status: 200, body: result } };
    },
  });
  if (!outcome.replayed) return outcome.result;
  ctx.resHeaders.set(REPLAYED_HEADER, 'true');
  return outcome.answer.body as T;
};
