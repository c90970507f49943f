import { getOwnedMedia, toMediaItem, ZMediaIdInput, ZMediaItem } from '@mediashare/core';
import { protectedProcedure } from '../../init';

export const get = protectedProcedure
  .input(ZMediaIdInput)
  .output(ZMediaItem)
  .query(async ({ ctx, input }) => toMediaItem(await getOwnedMedia(ctx.deps, ctx.user.id, input.id)));
