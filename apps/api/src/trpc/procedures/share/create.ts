import { shareMedia, ZIdempotencyKeyField, ZShareMediaInput, ZShareResult } from '@mediashare/core';
import { runOnce } from '../../idempotent';
import { protectedProcedure } from '../../init';

export const create = protectedProcedure
  .meta({ budget: 'shares' })
  .input(ZShareMediaInput.extend(ZIdempotencyKeyField.shape))
  .output(ZShareResult)
  .mutation(({ ctx, input: { idempotencyKey, id, ...options } }) =>
    runOnce(ctx, 'share.create', { idempotencyKey, id, ...options }, () =>
      shareMedia(ctx.deps, { userId: ctx.user.id, mediaId: id, options, reqId: ctx.hono.get('reqId') }),
    ),
  );
