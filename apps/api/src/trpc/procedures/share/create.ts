import { shareMedia, ZShareMediaInput, ZShareResult } from '@mediashare/core';
import { protectedProcedure } from '../../init';

export const create = protectedProcedure
  .meta({ budget: 'shares' })
  .input(ZShareMediaInput)
  .output(ZShareResult)
  .mutation(({ ctx, input: { id, ...options } }) =>
    shareMedia(ctx.deps, { userId: ctx.user.id, mediaId: id, options, reqId: ctx.hono.get('reqId') }),
  );
