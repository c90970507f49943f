import { logoutSession } from '@mediashare/core';
import { z } from 'zod';
import { clearedSessionCookie } from '../../../http/session-cookie';
import { publicProcedure } from '../../init';

export const logout = publicProcedure.output(z.null()).mutation(async ({ ctx }) => {
  if (ctx.sessionId) await logoutSession(ctx.deps, ctx.sessionId);
  ctx.resHeaders.append('Set-Cookie', clearedSessionCookie(ctx.hono));
  return null;
});
