import { ACCESS, createTagAlias, ERRORS, ZCreateTagAliasInput, ZAdminTag } from '@mediashare/core';
import { defineRoute, json, jsonBody, refused } from '../define-route';
import { ZTagSlugParams } from './tag-slug-params';

export const createTagAliasRoute = defineRoute({
  method: 'post',
  path: '/api/admin/tags/{slug}/aliases',
  operationId: 'createTagAlias',
  tag: 'Instance',
  summary: 'Add an alias to a tag (admins)',
  description:
    'Shares and feed filters that name the alias resolve to the tag from then on. A name belongs to one tag only: a slug or an alias in use is refused with 409. Logged in the moderation log; `pnpm tags:sync` keeps it unless its file gives the name to a tag.',
  access: ACCESS.admin,
  request: {
    params: ZTagSlugParams,
    body: jsonBody(ZCreateTagAliasInput, { bw: { value: { alias: 'bw' } } }),
  },
  responses: {
    201: json(ZAdminTag, 'The tag with its new alias.'),
    400: refused([
      ERRORS.invalidInput({ detail: 'Invalid field "alias": must be lower-case words joined by "-", "&", "+", "." or "_"' }),
    ]),
    404: refused([ERRORS.tagNotFound({ slug: 'black-and-white' })]),
    409: refused([
      ERRORS.tagAliasTaken({ alias: 'city', slug: 'urban' }),
      ERRORS.tagAliasIsSlug({ alias: 'night' }),
      ERRORS.tagMerged({ slug: 'bnw', into: 'black-and-white' }),
    ]),
  },
  handler: ({ deps, user, params, body }) => createTagAlias(deps, { adminId: user.id, slug: params.slug, alias: body.alias }),
});
