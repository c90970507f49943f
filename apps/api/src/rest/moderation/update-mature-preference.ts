import { ACCESS, updateMaturePreference, ZMaturePreference } from '@mediashare/core';
import { defineRoute, json, jsonBody } from '../define-route';

export const updateMaturePreferenceRoute = defineRoute({
  method: 'put',
  path: '/api/user/settings/mature',
  operationId: 'updateMaturePreference',
  tag: 'Moderation',
  summary: 'Show or blur mature Community items (your own setting)',
  description:
    "The signed-in viewer's choice: with showMature true, items with a content warning are shown without a click in the web app. GET /api/auth/me carries it as showMature.",
  access: ACCESS.session,
  request: { body: jsonBody(ZMaturePreference, { show: { value: { showMature: true } } }) },
  responses: { 200: json(ZMaturePreference, 'The setting as it is now.') },
  handler: ({ deps, user, body }) => updateMaturePreference(deps, { userId: user.id, showMature: body.showMature }),
});
