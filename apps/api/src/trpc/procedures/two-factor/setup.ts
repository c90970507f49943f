import { startTwoFactorSetup, ZTwoFactorSetup } from '@mediashare/core';
import { sessionProcedure } from '../../init';

export const setup = sessionProcedure.output(ZTwoFactorSetup).mutation(({ ctx }) => startTwoFactorSetup(ctx.deps, ctx.user));
