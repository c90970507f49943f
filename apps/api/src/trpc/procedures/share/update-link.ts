import { updateLinkSettings, ZLinkSettings, ZUpdateLinkInput } from '@mediashare/core';
import { protectedProcedure } from '../../init';

export const updateLink = protectedProcedure
  .meta({ budget: 'shares' })
  .input(ZUpdateLinkInput)
  .output(ZLinkSettings)
  .mutation(({ ctx, input: { id, ...input } }) => updateLinkSettings(ctx.deps, { userId: ctx.user.id, mediaId: id, input }));
