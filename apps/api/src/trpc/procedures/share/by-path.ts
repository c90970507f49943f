import { shareMediaByPath, ZIdempotencyKeyField, ZShareByPathInput, ZShareByPathResult } from '@mediashare/core';
import { runOnce } from '../../idempotent';
import { protectedProcedure } from '../../init';

export const byPath = protectedProcedure
  .meta({ budget: 'shares' })
  .input(ZShareByPathInput.extend(ZIdempotencyKeyField.shape))
  .output(ZShareByPathResult)
  .mutation(({ ctx, input: { idempotencyKey, filePath, ...options } }) =>
    runOnce(ctx, 'share.byPath', { idempotencyKey, filePath, ...options }, () =>
      shareMediaByPath(ctx.deps, { userId: ctx.user.id, filePath, options, reqId: ctx.hono.get('reqId') }),
    ),
  );
