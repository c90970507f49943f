import { ACCESS, createReport, ERRORS } from '@mediashare/core';
import { ZCommunityIdParams } from '../community/community-id-params';
import { defineRoute, refused } from '../define-route';
import { REPORT_BODY, REPORT_RESPONSES, reportAnswer, reporterOf } from './report-input';

export const reportCommunityItemRoute = defineRoute({
  method: 'post',
  path: '/api/community/{id}/reports',
  operationId: 'reportCommunityItem',
  tag: 'Moderation',
  summary: 'Report a community item (anyone, signed in or not)',
  description:
    'Reasons: non_consensual, underage, copyright, spam, other, with optional details (at most 2000 characters). non_consensual and underage hide the item from the feed and its public URLs at once, pending review; other reasons hide it once several distinct people (REPORTS_TO_HIDE, 3) reported it. Reporting the same item again is a 200 that changes nothing.',
  access: ACCESS.public,
  budget: 'reports',
  request: { params: ZCommunityIdParams, body: REPORT_BODY },
  responses: {
    ...REPORT_RESPONSES,
    400: refused([
      ERRORS.invalidCommunityId(),
      ERRORS.invalidInput({ detail: 'reason must be one of non_consensual, underage, copyright, spam, other' }),
    ]),
    404: refused([ERRORS.communityItemNotFound()]),
    410: refused([ERRORS.communityItemRemoved()]),
    503: refused([ERRORS.mediaBusy()]),
  },
  handler: async ({ c, deps, user, params, body }) =>
    reportAnswer(
      c,
      await createReport(deps, {
        target: { kind: 'community', id: params.id },
        reporter: reporterOf(c, user?.id ?? null),
        input: body,
      }),
    ),
});
