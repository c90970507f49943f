import { disableTwoFactor, ZDisableTwoFactorInput } from '@mediashare/core';
import { z } from 'zod';
import { clientIp } from '../../../http/client-ip';
import { sessionProcedure } from '../../init';

export const disable = sessionProcedure
  .input(ZDisableTwoFactorInput)
  .output(z.null())
  .mutation(async ({ ctx, input }) => {
    await disableTwoFactor(ctx.deps, { user: ctx.user, ...input, ip: clientIp(ctx.hono) });
    return null;
  });
