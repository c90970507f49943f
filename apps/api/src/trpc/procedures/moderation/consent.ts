import { findConsent, ZCommunityIdInput, ZConsent } from '@mediashare/core';
import { protectedProcedure } from '../../init';

export const consent = protectedProcedure
  .input(ZCommunityIdInput)
  .output(ZConsent)
  .query(({ ctx, input }) => findConsent(ctx.deps, { user: ctx.user, communityMediaId: input.id }));
