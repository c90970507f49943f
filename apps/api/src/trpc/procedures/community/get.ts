import { getCommunityItem, ZCommunityIdInput, ZCommunityItem } from '@mediashare/core';
import { publicProcedure } from '../../init';

export const get = publicProcedure
  .input(ZCommunityIdInput)
  .output(ZCommunityItem)
  .query(({ ctx, input }) => getCommunityItem(ctx.deps, input.id));
