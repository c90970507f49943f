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
    "The caller's live sessions, most recently seen first, with `current` marking the one this request came with. Only a signed-in session may list them.",
  access: ACCESS.session,
  responses: { 200: json(z.array(ZSession), 'Most recently seen first; `current` marks this one.') },
  handler: ({ c, deps, user }) => findSessions(deps, { userId: user.id, sessionId: c.get('sessionId') }),
});
