import { ACCESS, findActiveTags, ZTag } from '@mediashare/core';
import { z } from 'zod';
import { defineRoute, json } from '../define-route';

export const listTagsRoute = defineRoute({
  method: 'get',
  path: '/api/tags',
  operationId: 'listTags',
  tag: 'Community',
  summary: 'The active canonical tags (public)',
  description:
    'The active canonical tags, slug and label: the only tags sharing accepts. Tags are managed by the operator (`pnpm tags:sync`), not by users.',
  access: ACCESS.public,
  responses: { 200: json(z.array(ZTag), 'Every active tag, by slug.') },
  handler: ({ deps }) => findActiveTags(deps),
});
