import { revokeExposure, ZRevokeExposureInput, ZRevokeExposureResult } from '@mediashare/core';
import { protectedProcedure } from '../../init';

export const revoke = protectedProcedure
  .meta({ budget: 'shares' })
  .input(ZRevokeExposureInput)
  .output(ZRevokeExposureResult)
  .mutation(({ ctx, input }) => revokeExposure(ctx.deps, { userId: ctx.user.id, ...input }));
