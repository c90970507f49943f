import {
  createTagAlias,
  findAdminTags,
  mergeTags,
  updateTag,
  ZCreateTagAliasInput,
  ZAdminTag,
  ZAdminTagList,
  ZMergeTagInput,
  ZMergeTagResult,
  ZTagSlugParam,
  ZUpdateTagFields,
  hasTagChange,
} from '@mediashare/core';
import { adminProcedure } from '../../init';

// The admin REST routes under /api/admin/tags, one for one; to anyone but an admin they do not exist.
export const list = adminProcedure.output(ZAdminTagList).query(({ ctx }) => findAdminTags(ctx.deps));

export const createAlias = adminProcedure
  .input(ZCreateTagAliasInput.extend({ slug: ZTagSlugParam }))
  .output(ZAdminTag)
  .mutation(({ ctx, input }) => createTagAlias(ctx.deps, { adminId: ctx.user.id, slug: input.slug, alias: input.alias }));

export const update = adminProcedure
  .input(ZUpdateTagFields.extend({ slug: ZTagSlugParam }).refine(...hasTagChange))
  .output(ZAdminTag)
  .mutation(({ ctx, input: { slug, ...changes } }) => updateTag(ctx.deps, { adminId: ctx.user.id, slug, changes }));

export const merge = adminProcedure
  .input(ZMergeTagInput.extend({ slug: ZTagSlugParam }))
  .output(ZMergeTagResult)
  .mutation(({ ctx, input }) => mergeTags(ctx.deps, { adminId: ctx.user.id, slug: input.slug, into: input.into }));
