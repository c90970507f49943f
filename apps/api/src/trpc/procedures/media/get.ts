import { getMediaItem, ZMediaIdInput, ZMediaItem } from '@mediashare/core';
import { protectedProcedure } from '../../init';

export const get = protectedProcedure
  .input(ZMediaIdInput)
  .output(ZMediaItem)
  .query(async ({ ctx, input }) => getMediaItem(ctx.deps, ctx.user.id, input.id));
