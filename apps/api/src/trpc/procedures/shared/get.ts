import { getSharedMedia, ZSharedMedia } from '@mediashare/core';
import { z } from 'zod';
import { linkVisitOf } from '../../../http/link-visit';
import { publicProcedure } from '../../init';

export const get = publicProcedure
  .input(z.strictObject({ code: z.string().max(128) }))
  .output(ZSharedMedia)
  .query(({ ctx, input }) => getSharedMedia(ctx.deps, input.code, linkVisitOf(ctx.hono, ctx.user?.id, input.code)));
