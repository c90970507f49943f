import { ACCESS, ERRORS, updateTag, ZAdminTag, ZUpdateTagInput } from '@mediashare/core';
import { defineRoute, json, jsonBody, refused } from '../define-route';
import { ZTagSlugParams } from './tag-slug-params';

export const updateTagRoute = defineRoute({
  method: 'patch',
  path: '/api/admin/tags/{slug}',
  operationId: 'updateTag',
  tag: 'Instance',
  summary: 'Rename a tag or (de)activate it (admins)',
  description:
    '`label` is the name people read; the slug stays (it is the name in links, feeds and the vocabulary file: to change it, merge into another tag). `active: false` stops offering the tag for new shares; items keep it and feeds still filter by it. A merged tag cannot be reactivated. Logged in the moderation log; for slugs its file lists, `pnpm tags:sync` sets label and active back to the file’s.',
  access: ACCESS.admin,
  request: {
    params: ZTagSlugParams,
    body: jsonBody(ZUpdateTagInput, {
      rename: { summary: 'A new label', value: { label: 'Black & white' } },
      deactivate: { summary: 'No longer offered', value: { active: false } },
    }),
  },
  responses: {
    200: json(ZAdminTag, 'The tag as it is now.'),
    400: refused([ERRORS.invalidInput({ detail: 'Invalid field "label": must not be empty' })]),
    404: refused([ERRORS.tagNotFound({ slug: 'black-and-white' })]),
    409: refused([ERRORS.tagMerged({ slug: 'bnw', into: 'black-and-white' })]),
  },
  handler: ({ deps, user, params, body }) => updateTag(deps, { adminId: user.id, slug: params.slug, changes: body }),
});
