import { ACCESS, findUsersWithUsage, ZAdminUserList } from '@mediashare/core';
import { defineRoute, json } from '../define-route';

export const listUsersRoute = defineRoute({
  method: 'get',
  path: '/api/admin/users',
  operationId: 'listUsers',
  tag: 'Instance',
  summary: 'List accounts with their storage usage and quota (admins)',
  description:
    'Every account, oldest first, with `usage` (bytes stored: originals, renditions and uploads in progress), `quota` (the quota in force; null is unlimited), `quotaBytes` (the account’s own quota, null when DEFAULT_QUOTA_BYTES applies) and whether two-factor sign-in is on.',
  access: ACCESS.admin,
  responses: { 200: json(ZAdminUserList, 'The accounts.') },
  handler: ({ deps }) => findUsersWithUsage(deps),
});
