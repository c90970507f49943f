import { findExposure, ZExposureInput, ZExposurePage } from '@mediashare/core';
import { protectedProcedure } from '../../init';

export const list = protectedProcedure
  .input(ZExposureInput)
  .output(ZExposurePage)
  .query(({ ctx, input: { cursor, limit } }) => findExposure(ctx.deps, { userId: ctx.user.id, cursor, limit }));
