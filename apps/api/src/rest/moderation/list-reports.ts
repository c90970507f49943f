import { ACCESS, findReportQueue, ZReportQueue } from '@mediashare/core';
import { defineRoute, json } from '../define-route';

export const listReportsRoute = defineRoute({
  method: 'get',
  path: '/api/admin/reports',
  operationId: 'listReports',
  tag: 'Moderation',
  summary: 'Open reports, grouped by item (admin)',
  description:
    'The moderation queue: one entry per reported item with its distinct reporters, reasons and details, its owner, its latest consent receipt and a preview URL (clients blur it until clicked). Most reported first.',
  access: ACCESS.admin,
  responses: { 200: json(ZReportQueue, 'The open reports, by item.') },
  handler: ({ deps }) => findReportQueue(deps),
});
