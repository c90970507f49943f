import { ZLoginInput, ZRegisterInput, ZUser } from '@mediashare/core';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { error, errors, json } from '../common';

const sessionCookie = { description: 'The session cookie (`connect.sid` by default), HttpOnly and SameSite=Lax.' };

export const accountPaths: ZodOpenApiPathsObject = {
  '/api/auth/register': {
    post: {
      tags: ['Accounts'],
      summary: 'Create an account and sign in',
      security: [],
      requestBody: { content: { 'application/json': { schema: ZRegisterInput } } },
      responses: {
        '201': {
          ...json(ZUser, 'The new user; the response sets the session cookie.'),
          headers: { 'Set-Cookie': sessionCookie },
        },
        '400': errors.badRequest({ field: 'Invalid field "email": must be an email address' }),
        '403': errors.forbidden,
        '409': error('The email or username is taken.', {
          email: 'An account with this email already exists',
          username: 'This username is taken',
        }),
      },
    },
  },
  '/api/auth/login': {
    post: {
      tags: ['Accounts'],
      summary: 'Sign in (email or username in `email`); a new session id every time',
      security: [],
      requestBody: { content: { 'application/json': { schema: ZLoginInput } } },
      responses: {
        '200': { ...json(ZUser, 'The user; the response sets the session cookie.'), headers: { 'Set-Cookie': sessionCookie } },
        '400': errors.badRequest(),
        '401': error('Wrong email, username or password.', { wrong: 'Invalid email or password' }),
        '403': errors.forbidden,
        '429': {
          ...errors.busy,
          description: 'Too many failed sign-ins for this account or address; retry after Retry-After seconds.',
        },
      },
    },
  },
  '/api/auth/logout': {
    post: {
      tags: ['Accounts'],
      summary: 'Sign out (ends the session)',
      responses: { '204': { description: 'Signed out; the cookie is cleared.' }, '403': errors.forbidden },
    },
  },
  '/api/auth/me': {
    get: {
      tags: ['Accounts'],
      summary: 'Who am I',
      responses: { '200': json(ZUser, 'The signed-in user.'), '401': errors.unauthorized },
    },
  },
};
