import type { MailPort } from '@mediashare/core';
import nodemailer from 'nodemailer';
import type { Env } from '../env';

const mailers = new Map<string, MailPort>();

/**
 * The mail port over SMTP_URL (nodemailer: STARTTLS when the server offers it, smtps:// for TLS from the
 * first byte, credentials in the URL), or null when no SMTP server is configured. One per setting.
 */
export const mailerFor = (env: Pick<Env, 'SMTP_URL' | 'MAIL_FROM'>): MailPort | null => {
  if (!env.SMTP_URL) return null;
  const key = `${env.SMTP_URL} ${env.MAIL_FROM}`;
  let mailer = mailers.get(key);
  if (!mailer) {
    const transport = nodemailer.createTransport(env.SMTP_URL);
    mailer = {
      async send(message) {
        await transport.sendMail({ from: env.MAIL_FROM, ...message });
      },
    };
    mailers.set(key, mailer);
  }
  return mailer;
};
