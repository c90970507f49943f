import { resetPassword as reset, ZResetPasswordInput } from '@mediashare/core';
import { z } from 'zod';
import { publicProcedure } from '../../init';

export const resetPassword = publicProcedure
  .input(ZResetPasswordInput)
  .output(z.null())
  .mutation(async ({ ctx, input }) => {
    await reset(ctx.deps, input);
    return null;
  });
