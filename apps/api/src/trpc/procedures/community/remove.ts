import { removeCommunityItem, ZCommunityIdInput } from '@mediashare/core';
import { z } from 'zod';
import { protectedProcedure } from '../../init';

export const remove = protectedProcedure
  .input(ZCommunityIdInput)
  .output(z.null())
  .mutation(async ({ ctx, input }) => {
    await removeCommunityItem(ctx.deps, { userId: ctx.user.id, communityMediaId: input.id });
    return null;
  });
