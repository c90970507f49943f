import { ACCESS, findAdminTags, ZAdminTagList } from '@mediashare/core';
import { defineRoute, json } from '../define-route';

export const listAdminTagsRoute = defineRoute({
  method: 'get',
  path: '/api/admin/tags',
  operationId: 'listAdminTags',
  tag: 'Instance',
  summary: 'The whole tag vocabulary, inactive and merged tags included (admins)',
  description:
    'Every tag by slug with its label, whether it is offered for new shares, its aliases (each with its origin: `file` aliases follow `pnpm tags:sync`, `admin` ones are kept by it), how many community items carry it, and the tag it was merged into.',
  access: ACCESS.admin,
  responses: { 200: json(ZAdminTagList, 'The vocabulary.') },
  handler: ({ deps }) => findAdminTags(deps),
});
