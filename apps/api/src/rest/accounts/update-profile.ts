import { ACCESS, ERRORS, updateProfile, ZUpdateProfileInput, ZUser } from '@mediashare/core';
import { defineRoute, json, jsonBody, refused } from '../define-route';

export const updateProfileRoute = defineRoute({
  method: 'patch',
  path: '/api/auth/me',
  operationId: 'updateProfile',
  tag: 'Accounts',
  summary: 'Change the username or email, under the rules of registration',
  description:
    "Changes the caller's username, email or both, under the same rules and messages as registration (409 when another account holds the name). Sessions stay signed in.",
  access: ACCESS.session,
  request: { body: jsonBody(ZUpdateProfileInput) },
  responses: {
    200: json(ZUser, 'The user as it is now.'),
    400: refused([ERRORS.nothingToChange(), ERRORS.invalidInput({ detail: 'Invalid field "email": must be an email address' })]),
    409: refused([ERRORS.emailTaken(), ERRORS.usernameTaken()], 'Another account has this email or username.'),
  },
  handler: ({ deps, user, body }) => updateProfile(deps, { userId: user.id, ...body }),
});
