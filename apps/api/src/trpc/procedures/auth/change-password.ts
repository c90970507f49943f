import { changePassword as change, ZChangePasswordInput } from '@mediashare/core';
import { z } from 'zod';
import { clientIp } from '../../../http/client-ip';
import { sessionProcedure } from '../../init';

export const changePassword = sessionProcedure
  .input(ZChangePasswordInput)
  .output(z.null())
  .mutation(async ({ ctx, input }) => {
    await change(ctx.deps, { userId: ctx.user.id, sessionId: ctx.sessionId, ip: clientIp(ctx.hono), ...input });
    return null;
  });
