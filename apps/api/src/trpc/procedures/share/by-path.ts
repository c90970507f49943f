import { shareMediaByPath, ZShareByPathInput, ZShareByPathResult } from '@mediashare/core';
import { protectedProcedure } from '../../init';

export const byPath = protectedProcedure
  .meta({ budget: 'shares' })
  .input(ZShareByPathInput)
  .output(ZShareByPathResult)
  .mutation(({ ctx, input: { filePath, ...options } }) =>
    shareMediaByPath(ctx.deps, { userId: ctx.user.id, filePath, options, reqId: ctx.hono.get('reqId') }),
  );
