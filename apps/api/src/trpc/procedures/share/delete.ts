import { deleteShare, ZMediaIdInput, ZMediaItem } from '@mediashare/core';
import { protectedProcedure } from '../../init';

export const remove = protectedProcedure
  .input(ZMediaIdInput)
  .output(ZMediaItem)
  .mutation(({ ctx, input }) => deleteShare(ctx.deps, { userId: ctx.user.id, mediaId: input.id }));
