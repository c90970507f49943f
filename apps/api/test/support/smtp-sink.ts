import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  /** The message as sent, headers and body. */
  raw: string;
  /** The text body, quoted-printable decoded. */
  body: string;
}

const decodeQuotedPrintable = (value: string) =>
  value.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/**
 * A real SMTP server on a free local port that keeps what it is sent. `hold()` makes it keep the next
 * messages waiting at the end of DATA (the sender's SMTP exchange stays open) until `release()`.
 */
export const startSmtpSink = async () => {
  const received: ReceivedMail[] = [];
  let gate: Promise<void> = Promise.resolve();
  let open = () => {};
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    async onData(stream, session, callback) {
      const raw = await text(stream);
      await gate;
      const headersEnd = raw.search(/\r?\n\r?\n/);
      const body = headersEnd < 0 ? '' : raw.slice(headersEnd);
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, body: decodeQuotedPrintable(body).trim() });
      callback();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release: () => open(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;
