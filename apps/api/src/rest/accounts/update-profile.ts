import { ACCESS, ERRORS, updateProfile, ZUpdateProfileInput, ZUser } from '@mediashare/core';
import { defineRoute, json, jsonBody, refused } from '../define-route';

export const updateProfileRoute = defineRoute({
  method: 'patch',
  path: '/api/auth/me',
  operationId: 'updateProfile',
  tag: 'Accounts',
  summary: 'Change the username or email, under the rules of registration',
  description:
    "Changes the signed-in user's username, email or both, with the checks registration applies: both must stay unique. Only a signed-in session may do this, not an API token.",
  access: ACCESS.session,
  request: { body: jsonBody(ZUpdateProfileInput) },
  responses: {
    200: json(ZUser, 'The user as it is now.'),
    400: refused([ERRORS.nothingToChange(), ERRORS.invalidInput({ detail: 'Invalid field "email": must be an email address' })]),
    409: refused([ERRORS.emailTaken(), ERRORS.usernameTaken()], 'Another account has this email or username.'),
  },
  handler: ({ deps, user, body }) => updateProfile(deps, { userId: user.id, ...body }),
});
