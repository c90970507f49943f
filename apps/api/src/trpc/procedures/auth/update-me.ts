import { updateProfile, ZUpdateProfileInput, ZUser } from '@mediashare/core';
import { sessionProcedure } from '../../init';

export const updateMe = sessionProcedure
  .input(ZUpdateProfileInput)
  .output(ZUser)
  .mutation(({ ctx, input }) => updateProfile(ctx.deps, { userId: ctx.user.id, ...input }));
