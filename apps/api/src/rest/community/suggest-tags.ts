import { ACCESS, ERRORS, suggestTags, ZTagSuggestion, ZTagSuggestQuery } from '@mediashare/core';
import { z } from 'zod';
import { defineRoute, json, refused } from '../define-route';

export const suggestTagsRoute = defineRoute({
  method: 'get',
  path: '/api/tags/suggest',
  operationId: 'suggestTags',
  tag: 'Community',
  summary: 'Tags for what the user is typing (public)',
  description:
    'At most 10 active tags whose slug, label or an alias starts with `q`, most used first. A tag matched through an alias names it in `matchedAlias`; sharing and the feed accept the alias itself too.',
  access: ACCESS.public,
  request: { query: ZTagSuggestQuery },
  responses: {
    200: json(z.array(ZTagSuggestion), 'The suggestions, best first.'),
    400: refused([ERRORS.invalidInput({ detail: 'Invalid field "q": is required' })]),
  },
  handler: ({ deps, query }) => suggestTags(deps, query),
});
