import { deleteInvite, ZInviteId } from '@mediashare/core';
import { z } from 'zod';
import { adminProcedure } from '../../init';

export const remove = adminProcedure
  .input(z.strictObject({ id: ZInviteId }))
  .output(z.null())
  .mutation(async ({ ctx, input }) => {
    await deleteInvite(ctx.deps, input);
    return null;
  });
