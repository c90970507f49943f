import { ERRORS, requestPasswordReset, ZForgotPasswordInput } from '@mediashare/core';
import { z } from 'zod';
import { mailerFor } from '../../../mail/smtp-mailer';
import { publicProcedure } from '../../init';

export const forgotPassword = publicProcedure
  .input(ZForgotPasswordInput)
  .output(z.null())
  .mutation(({ ctx, input }) => {
    const { deps } = ctx;
    const mail = mailerFor(deps.env);
    if (!mail) throw ERRORS.routeNotFound();
    // As over REST: answered before the lookup, the same for every address.
    void requestPasswordReset(deps, { email: input.email, publicUrl: deps.env.PUBLIC_URL, mail }).catch((error: unknown) =>
      deps.logger.error({ err: error }, 'password reset mail failed'),
    );
    return null;
  });
