import { ACCESS, findSessions, ZSession } from '@mediashare/core';
import { z } from 'zod';
import { defineRoute, json } from '../define-route';

export const listSessionsRoute = defineRoute({
  method: 'get',
  path: '/api/auth/sessions',
  operationId: 'listSessions',
  tag: 'Accounts',
  summary: "Where the caller is signed in: the account's live sessions",
  description:
    "The sessions of the caller's account that have not expired, most recently used first: when each started and was last seen, a device label from its user agent, and `current: true` on the one making the request.",
  access: ACCESS.session,
  responses: { 200: json(z.array(ZSession), 'Most recently seen first; `current` marks this one.') },
  handler: ({ c, deps, user }) => findSessions(deps, { userId: user.id, sessionId: c.get('sessionId') }),
});
