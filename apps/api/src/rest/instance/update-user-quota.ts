import { ACCESS, ERRORS, updateUserQuota, ZAdminUser, ZUpdateUserQuotaInput, ZUserId } from '@mediashare/core';
import { z } from 'zod';
import { defineRoute, json, jsonBody, refused } from '../define-route';

export const updateUserQuotaRoute = defineRoute({
  method: 'patch',
  path: '/api/admin/users/{id}',
  operationId: 'updateUserQuota',
  tag: 'Instance',
  summary: 'Set an account’s storage quota (admins); null goes back to the default',
  description:
    '`quotaBytes` is what the account may store, originals and renditions together; null makes DEFAULT_QUOTA_BYTES apply again. A quota under what the account stores removes nothing: its uploads are refused until it is under again.',
  access: ACCESS.admin,
  request: {
    params: z.object({ id: ZUserId }),
    body: jsonBody(ZUpdateUserQuotaInput, { tenGiB: { summary: '10 GiB', value: { quotaBytes: 10_737_418_240 } } }),
  },
  responses: {
    200: json(ZAdminUser, 'The account with its quota in force.'),
    400: refused([
      ERRORS.invalidUserId(),
      ERRORS.invalidInput({ detail: 'Invalid field "quotaBytes": must be a whole number of bytes, 0 or more' }),
    ]),
    404: refused([ERRORS.userNotFound()]),
  },
  handler: ({ deps, user, params, body }) =>
    updateUserQuota(deps, { adminId: user.id, userId: params.id, quotaBytes: body.quotaBytes }),
});
