import { findCommunityFeed, ZCommunityFeed, ZCommunityFeedInput } from '@mediashare/core';
import { publicProcedure } from '../../init';

export const list = publicProcedure
  .input(ZCommunityFeedInput)
  .output(ZCommunityFeed)
  .query(({ ctx, input }) => findCommunityFeed(ctx.deps, input));
