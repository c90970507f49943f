import { ACCESS, findActiveTags, ZTag } from '@mediashare/core';
import { z } from 'zod';
import { defineRoute, json } from '../define-route';

export const listTagsRoute = defineRoute({
  method: 'get',
  path: '/api/tags',
  operationId: 'listTags',
  tag: 'Community',
  summary: 'The active canonical tags, with aliases and counts (public)',
  description:
    'The active canonical tags: slug, label, the aliases that resolve to each (sharing and the feed accept them) and how many community items carry it. Tags are managed by the operator (`pnpm tags:sync`), not by users.',
  access: ACCESS.public,
  responses: { 200: json(z.array(ZTag), 'Every active tag, by slug.') },
  handler: ({ deps }) => findActiveTags(deps),
});
