import { ACCESS, dismissReport, ERRORS, ZModerationAction } from '@mediashare/core';
import { defineRoute, json, refused } from '../define-route';
import { ZReportIdParams } from './admin-params';

export const dismissReportRoute = defineRoute({
  method: 'post',
  path: '/api/admin/reports/{id}/dismiss',
  operationId: 'dismissReport',
  tag: 'Moderation',
  summary: "Dismiss an item's open reports (admin)",
  description:
    'Closes every open report of the item the report is about, and shows the item again if reports had hidden it. Logged.',
  access: ACCESS.admin,
  request: { params: ZReportIdParams },
  responses: {
    200: json(ZModerationAction, 'Dismissed.'),
    400: refused([ERRORS.invalidReportId()]),
    404: refused([ERRORS.reportNotFound()]),
    503: refused([ERRORS.mediaBusy()]),
  },
  handler: ({ deps, user, params }) => dismissReport(deps, { adminId: user.id, reportId: params.id }),
});
