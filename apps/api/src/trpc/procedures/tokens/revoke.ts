import { revokeApiToken, ZTokenIdInput } from '@mediashare/core';
import { z } from 'zod';
import { sessionProcedure } from '../../init';

export const revoke = sessionProcedure
  .input(ZTokenIdInput)
  .output(z.null())
  .mutation(async ({ ctx, input }) => {
    await revokeApiToken(ctx.deps, ctx.user.id, input.id);
    return null;
  });
