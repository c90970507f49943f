import { updateMaturePreference, ZMaturePreference } from '@mediashare/core';
import { sessionProcedure } from '../../init';

export const setShowMature = sessionProcedure
  .input(ZMaturePreference)
  .output(ZMaturePreference)
  .mutation(({ ctx, input }) => updateMaturePreference(ctx.deps, { userId: ctx.user.id, showMature: input.showMature }));
