import { ACCESS, getPolicy, ZPolicy } from '@mediashare/core';
import { defineRoute, json } from '../define-route';

export const getPolicyRoute = defineRoute({
  method: 'get',
  path: '/api/policy',
  operationId: 'getPolicy',
  tag: 'Moderation',
  summary: 'The Community sharing policy in force (public)',
  description:
    'The policy a community share agrees to: its version (send it as policyVersion when sharing), its text, the SHA-256 of the text, and the statement the owner agrees to. Consent receipts record all of them.',
  access: ACCESS.public,
  responses: { 200: json(ZPolicy, 'The policy in force.') },
  handler: ({ deps }) => getPolicy(deps),
});
