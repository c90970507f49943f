import { findMedia, ZMediaListInput, ZMediaListResult } from '@mediashare/core';
import { protectedProcedure } from '../../init';

export const list = protectedProcedure
  .input(ZMediaListInput)
  .output(ZMediaListResult)
  .query(({ ctx, input }) => findMedia(ctx.deps, { userId: ctx.user.id, ...input }));
