import type { CoreDeps } from '../deps';
import type { MailPort } from '../ports/mail';
import { issueResetLink, RESET_LINK_TTL_MS } from './create-password-reset';

/**
 * Mails a reset link to the account with this email, if there is one. Callers answer before running it
 * (see the forgot-password route), so nobody can tell from the answer or its timing whether it exists.
 */
export const requestPasswordReset = async (
  deps: Pick<CoreDeps, 'db' | 'now' | 'logger'>,
  { email, publicUrl, mail }: { email: string; publicUrl: string; mail: MailPort },
): Promise<void> => {
  const user = await deps.db.users.findByLogin(email);
  // findByLogin also matches usernames, which cannot contain "@"; the input is an email address.
  if (!user || user.email.toLowerCase() !== email.toLowerCase()) {
    deps.logger.info({}, 'password reset asked for an unknown email');
    return;
  }
  const { path } = await issueResetLink(deps, user);
  await mail.send({
    to: user.email,
    subject: 'Reset your mediashare password',
    text: [
      `Someone, hopefully you, asked to reset the password of the mediashare account "${user.username}".`,
      '',
      `To choose a new password, open this link within ${RESET_LINK_TTL_MS / 60_000} minutes:`,
      '',
      `${publicUrl}${path}`,
      '',
      'The link works once. Setting a new password signs the account out everywhere.',
      'If you did not ask for this, ignore this mail: your password stays as it is.',
    ].join('\n'),
  });
  deps.logger.info({ userId: user.id }, 'password reset link mailed');
};
