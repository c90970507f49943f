import { loginUser, ZLoginInput, ZUser } from '@mediashare/core';
import { clientIp } from '../../../http/client-ip';
import { sessionCookie } from '../../../http/session-cookie';
import { publicProcedure } from '../../init';

export const login = publicProcedure
  .input(ZLoginInput)
  .output(ZUser)
  .mutation(async ({ ctx, input }) => {
    const { user, session } = await loginUser(ctx.deps, {
      ...input,
      ip: clientIp(ctx.hono),
      previousSessionId: ctx.sessionId,
      userAgent: ctx.hono.req.header('user-agent'),
    });
    ctx.resHeaders.append('Set-Cookie', sessionCookie(ctx.hono, session));
    return user;
  });
