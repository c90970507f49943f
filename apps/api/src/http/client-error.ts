import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ERRORS, logAppError, type AppError, type Logger } from '@mediashare/core';

const errorFor = (code: string | undefined): AppError => {
  if (code === 'HPE_HEADER_OVERFLOW') return ERRORS.headersTooLarge();
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return ERRORS.requestTimeout();
  return ERRORS.malformedRequest();
};

/**
 * Node answers a request it cannot parse (headers over its limit, a broken request line, headers that
 * never finish) by itself, with an empty plain-text answer, before the app sees anything. This listener
 * for the server's `clientError` answers the same statuses in the API's JSON error format.
 */
export const answerClientError =
  (logger: Logger) =>
  (error: Error & { code?: string }, socket: Duplex): void => {
    // Mirrors Node's own handler: nothing to say on a socket that is gone or already answering.
    const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (error.code === 'ECONNRESET' || !socket.writable || answering) {
      socket.destroy();
      return;
    }
    const appError = errorFor(error.code);
    logAppError(logger, appError, { code: error.code });
    const body = JSON.stringify({ message: appError.message });
    socket.end(
      `HTTP/1.1 ${appError.status} ${STATUS_CODES[appError.status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  };
