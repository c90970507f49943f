import { enableTwoFactor, ZEnableTwoFactorInput, ZRecoveryCodes } from '@mediashare/core';
import { sessionProcedure } from '../../init';

export const enable = sessionProcedure
  .input(ZEnableTwoFactorInput)
  .output(ZRecoveryCodes)
  .mutation(({ ctx, input }) => enableTwoFactor(ctx.deps, { user: ctx.user, code: input.code }));
