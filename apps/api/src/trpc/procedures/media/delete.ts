import { deleteMedia, ZMediaIdInput } from '@mediashare/core';
import { z } from 'zod';
import { protectedProcedure } from '../../init';

export const remove = protectedProcedure
  .input(ZMediaIdInput)
  .output(z.null())
  .mutation(async ({ ctx, input }) => {
    await deleteMedia(ctx.deps, { userId: ctx.user.id, id: input.id });
    return null;
  });
