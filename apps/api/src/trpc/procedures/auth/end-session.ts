import { endSession as end, ZSessionIdInput } from '@mediashare/core';
import { z } from 'zod';
import { clearedSessionCookie } from '../../../http/session-cookie';
import { sessionProcedure } from '../../init';

export const endSession = sessionProcedure
  .input(ZSessionIdInput)
  .output(z.null())
  .mutation(async ({ ctx, input }) => {
    const { wasCurrent } = await end(ctx.deps, { userId: ctx.user.id, id: input.id, sessionId: ctx.sessionId });
    if (wasCurrent) ctx.resHeaders.append('Set-Cookie', clearedSessionCookie(ctx.hono));
    return null;
  });
