import { ACCESS, ERRORS, findModerationLog, ZModerationLog, ZModerationLogQuery } from '@mediashare/core';
import { defineRoute, json, refused } from '../define-route';

export const listModerationLogRoute = defineRoute({
  method: 'get',
  path: '/api/admin/moderation-log',
  operationId: 'listModerationLog',
  tag: 'Moderation',
  summary: 'The moderation log, newest first (admin)',
  description:
    'Every moderation action (actor, action, target, reason, time), automatic hides and refused re-shares of blocked pictures. Append-only: nothing in the API changes or deletes an entry.',
  access: ACCESS.admin,
  request: { query: ZModerationLogQuery },
  responses: {
    200: json(ZModerationLog, 'One page of the log.'),
    400: refused([ERRORS.invalidCursor()]),
  },
  handler: ({ deps, query }) => findModerationLog(deps, query),
});
