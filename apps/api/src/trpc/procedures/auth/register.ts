import { registerUser, ZRegisterInput, ZUser } from '@mediashare/core';
import { sessionCookie } from '../../../http/session-cookie';
import { publicProcedure } from '../../init';

export const register = publicProcedure
  .input(ZRegisterInput)
  .output(ZUser)
  .mutation(async ({ ctx, input }) => {
    const { user, session } = await registerUser(ctx.deps, input, { userAgent: ctx.hono.req.header('user-agent') });
    ctx.resHeaders.append('Set-Cookie', sessionCookie(ctx.hono, session));
    return user;
  });
