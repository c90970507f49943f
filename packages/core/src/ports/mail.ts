/** Sends one plain-text mail; the adapter knows the server and the sender address. */
export interface MailPort {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}
