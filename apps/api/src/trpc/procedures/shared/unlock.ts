import { unlockLink, ZUnlockInput } from '@mediashare/core';
import { z } from 'zod';
import { clientIp } from '../../../http/client-ip';
import { unlockCookie } from '../../../http/link-visit';
import { publicProcedure } from '../../init';

export const unlock = publicProcedure
  .meta({ budget: 'unlocks' })
  .input(ZUnlockInput.extend({ code: z.string().max(128) }))
  .output(z.void())
  .mutation(async ({ ctx, input }) => {
    const { token } = await unlockLink(ctx.deps, {
      shareCode: input.code,
      password: input.password,
      address: clientIp(ctx.hono),
    });
    if (token) ctx.resHeaders.append('Set-Cookie', unlockCookie(ctx.hono, ctx.deps, input.code, token));
  });
