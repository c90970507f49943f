import { ACCESS, revokeExposure, ZRevokeExposureInput, ZRevokeExposureResult } from '@mediashare/core';
import { defineRoute, json, jsonBody } from '../define-route';

export const revokeExposureRoute = defineRoute({
  method: 'post',
  path: '/api/user/exposure/revoke',
  operationId: 'revokeExposure',
  tag: 'Sharing',
  summary: 'Retire every share link and/or every community item of the caller',
  description:
    "With `links: true` every share link of the caller is retired (its code answers 404 from then on); with `community: true` every community item is taken out of the feed, its public file deleted. Either or both. Each item is changed in one transaction under its lock, as a share is, and logged once; a share committed before the item's turn is retired with it. Answers how many links and community items were retired.",
  access: ACCESS.signedIn('share'),
  budget: 'shares',
  request: {
    body: jsonBody(ZRevokeExposureInput, {
      links: { summary: 'Every share link, not the Community feed', value: { links: true, community: false } },
      both: { summary: 'Everything public', value: { links: true, community: true } },
    }),
  },
  responses: { 200: json(ZRevokeExposureResult, 'How many links and community items were retired.') },
  handler: ({ deps, user, body }) => revokeExposure(deps, { userId: user.id, ...body }),
});
