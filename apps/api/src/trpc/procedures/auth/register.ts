import { registerUser, ZRegisterInput, ZUser } from '@mediashare/core';
import { writeSessionCookie } from '../../../http/session-cookie';
import { publicProcedure } from '../../init';

export const register = publicProcedure
  .input(ZRegisterInput)
  .output(ZUser)
  .mutation(async ({ ctx, input }) => {
    const { user, session } = await registerUser(ctx.deps, input);
    writeSessionCookie(ctx.hono, session);
    return user;
  });
