import { deleteAccount, ZDeleteAccountInput } from '@mediashare/core';
import { z } from 'zod';
import { clientIp } from '../../../http/client-ip';
import { clearedSessionCookie } from '../../../http/session-cookie';
import { sessionProcedure } from '../../init';

export const deleteMe = sessionProcedure
  .input(ZDeleteAccountInput)
  .output(z.null())
  .mutation(async ({ ctx, input }) => {
    await deleteAccount(ctx.deps, { userId: ctx.user.id, ip: clientIp(ctx.hono), ...input });
    ctx.resHeaders.append('Set-Cookie', clearedSessionCookie(ctx.hono));
    return null;
  });
