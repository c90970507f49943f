import { getShareState, ZMediaId, ZShareState } from '@mediashare/core';
import { z } from 'zod';
import { protectedProcedure } from '../../init';

export const state = protectedProcedure
  .input(z.strictObject({ id: ZMediaId }))
  .output(ZShareState)
  .query(({ ctx, input }) => getShareState(ctx.deps, { userId: ctx.user.id, mediaId: input.id }));
