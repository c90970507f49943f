import { logoutSession } from '@mediashare/core';
import { z } from 'zod';
import { clearSessionCookie } from '../../../http/session-cookie';
import { publicProcedure } from '../../init';

export const logout = publicProcedure.output(z.null()).mutation(async ({ ctx }) => {
  if (ctx.sessionId) await logoutSession(ctx.deps, ctx.sessionId);
  clearSessionCookie(ctx.hono);
  return null;
});
