import { findOwnPosts, ZOwnPosts, ZOwnPostsInput } from '@mediashare/core';
import { protectedProcedure } from '../../init';

export const mine = protectedProcedure
  .input(ZOwnPostsInput)
  .output(ZOwnPosts)
  .query(({ ctx, input: { cursor, limit } }) => findOwnPosts(ctx.deps, { userId: ctx.user.id, cursor, limit }));
