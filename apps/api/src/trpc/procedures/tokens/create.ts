import { createApiToken, ZCreatedApiToken, ZCreateTokenInput, ZIdempotencyKeyField } from '@mediashare/core';
import { runOnce } from '../../idempotent';
import { sessionProcedure } from '../../init';

export const create = sessionProcedure
  .meta({ budget: 'tokens' })
  .input(ZCreateTokenInput.extend(ZIdempotencyKeyField.shape))
  .output(ZCreatedApiToken)
  .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
    runOnce(ctx, 'tokens.create', { idempotencyKey, ...input }, () =>
      createApiToken(ctx.deps, { userId: ctx.user.id, ...input }),
    ),
  );
