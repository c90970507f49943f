import { registerUser, ZRegisterInput, ZUser } from '@mediashare/core';
import { clientIp } from '../../../http/client-ip';
import { sessionCookie } from '../../../http/session-cookie';
import { publicProcedure } from '../../init';

export const register = publicProcedure
  .meta({ budget: 'registrations' })
  .input(ZRegisterInput)
  .output(ZUser)
  .mutation(async ({ ctx, input }) => {
    const { user, session } = await registerUser(ctx.deps, {
      ...input,
      ip: clientIp(ctx.hono),
      userAgent: ctx.hono.req.header('user-agent'),
    });
    ctx.resHeaders.append('Set-Cookie', sessionCookie(ctx.hono, session));
    return user;
  });
