import { ACCESS, createReport, ERRORS } from '@mediashare/core';
import { defineRoute, refused } from '../define-route';
import { ZShareCodeParams } from '../share-links/share-code-params';
import { REPORT_BODY, REPORT_RESPONSES, reportAnswer, reporterOf } from './report-input';

export const reportSharedMediaRoute = defineRoute({
  method: 'post',
  path: '/api/shared/media/{code}/reports',
  operationId: 'reportSharedMedia',
  tag: 'Moderation',
  summary: 'Report what a share link shows (anyone, signed in or not)',
  description:
    "The same report as for a community item; when the link's item is in the Community, the report is about its community copy. Hiding a reported link makes it answer 404 until an admin reviews it.",
  access: ACCESS.public,
  budget: 'reports',
  request: { params: ZShareCodeParams, body: REPORT_BODY },
  responses: {
    ...REPORT_RESPONSES,
    400: refused([ERRORS.invalidInput({ detail: 'reason must be one of non_consensual, underage, copyright, spam, other' })]),
    404: refused([ERRORS.sharedMediaNotFound()]),
    410: refused([ERRORS.communityItemRemoved()]),
    503: refused([ERRORS.mediaBusy()]),
  },
  handler: async ({ c, deps, user, params, body }) =>
    reportAnswer(
      c,
      await createReport(deps, {
        target: { kind: 'link', shareCode: params.code },
        reporter: reporterOf(c, user?.id ?? null),
        input: body,
      }),
    ),
});
