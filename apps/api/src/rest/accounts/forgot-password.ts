import { ACCESS, ERRORS, requestPasswordReset, ZForgotPasswordInput } from '@mediashare/core';
import { mailerFor } from '../../mail/smtp-mailer';
import { defineRoute, jsonBody, plain, refused } from '../define-route';

export const forgotPasswordRoute = defineRoute({
  method: 'post',
  path: '/api/auth/forgot-password',
  operationId: 'requestPasswordReset',
  tag: 'Accounts',
  summary: 'Mail a password reset link to the account with this email, if there is one',
  description: 'Answers 204 at once, whether or not an account has the address; only with SMTP_URL configured.',
  access: ACCESS.public,
  // It answers before it reads anything, during an outage too; the mail is what fails then (and is logged).
  outages: 'none',
  request: { body: jsonBody(ZForgotPasswordInput) },
  responses: {
    204: plain('If an account has this email, a link is on its way.'),
    404: refused([ERRORS.routeNotFound()], 'This server sends no mail (no SMTP_URL).'),
  },
  handler: ({ deps, body }) => {
    const mail = mailerFor(deps.env);
    if (!mail) throw ERRORS.routeNotFound();
    // The answer goes out before any lookup: it and its timing are the same for every address.
    void requestPasswordReset(deps, { email: body.email, publicUrl: deps.env.PUBLIC_URL, mail }).catch((error: unknown) =>
      deps.logger.error({ err: error }, 'password reset mail failed'),
    );
  },
});
