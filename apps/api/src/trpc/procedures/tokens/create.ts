import { createApiToken, ZCreatedApiToken, ZCreateTokenInput } from '@mediashare/core';
import { sessionProcedure } from '../../init';

export const create = sessionProcedure
  .meta({ budget: 'tokens' })
  .input(ZCreateTokenInput)
  .output(ZCreatedApiToken)
  .mutation(({ ctx, input }) => createApiToken(ctx.deps, { userId: ctx.user.id, ...input }));
