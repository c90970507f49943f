import type { IncomingMessage } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import { ERRORS, isAppError, type AppError } from '@mediashare/core';
import busboy from 'busboy';
import type { Context } from 'hono';

/** The least an upload must move: `bytesPerSecond` on average over every window of `windowMs`. */
export interface UploadProgressRule {
  bytesPerSecond: number;
  windowMs: number;
}

export interface ReceivedFile {
  fileName: string | undefined;
  stream: Readable;
}

/**
 * Resolves with the first file part named `field` while its bytes are still arriving, so the caller can
 * stream it to storage without buffering. A client that goes away fails that stream.
 */
export const receiveFile = (c: Context, field = 'file', progress?: UploadProgressRule): Promise<ReceivedFile> => {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) {
    throw ERRORS.notMultipart({ field });
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      // Browsers and curl send file names as raw UTF-8; busboy's default (latin1) garbles every accent.
      defParamCharset: 'utf8',
      limits: { files: 1, fields: 20, fieldSize: 4096, parts: 25 },
    });
  } catch {
    throw ERRORS.malformedMultipart();
  }

  // On the node server read the socket directly; under app.request() (tests) the web stream.
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const webBody = incoming ? null : c.req.raw.body;
  const source: Readable = incoming ?? (webBody ? Readable.fromWeb(webBody as never) : Readable.from([]));

  return new Promise<ReceivedFile>((resolve, reject) => {
    let file: Readable | undefined;
    // The first failure decides what the client hears; the rest of the stages only follow it.
    const fail = (error: AppError) => {
      if (file) file.destroy(error);
      else reject(error);
    };
    parser.on('file', (name, stream, info) => {
      if (name !== field || file) {
        stream.resume();
        return;
      }
      // busboy destroys its part stream with a plain Error when the body stops early; the caller reads this
      // one instead, which fails with the catalog's error for what happened.
      const own = new PassThrough();
      stream.on('error', (error: Error) => own.destroy(multipartError(error)));
      // The caller reads the failure from its pipeline (which also sees a stream that errored before it
      // attached); without this listener a body cut short between resolve() and that attach, or after the
      // caller has stopped listening, would surface as an uncaught exception.
      own.on('error', () => {});
      stream.pipe(own);
      file = own;
      resolve({ fileName: info.filename, stream: own });
    });
    // busboy's own errors are plain Errors; each is the client's malformed body, never a server fault.
    parser.on('error', (error: Error) => fail(multipartError(error)));
    parser.on('close', () => {
      if (!file) reject(ERRORS.missingFileField({ field }));
    });
    const interrupted = (cause?: unknown) => {
      const error = ERRORS.uploadInterrupted({ cause });
      parser.destroy(error);
      fail(error);
    };
    source.on('error', interrupted);
    if (progress) watchProgress(source, progress, (error) => (parser.destroy(error), fail(error)));
    // A client that hangs up mid-body: the request stream closes without ending. Nobody is left to answer,
    // so this is a refusal (logged at info), not a failure of the server.
    source.on('close', () => {
      if (!source.readableEnded) interrupted();
    });
    source.pipe(parser);
  });
};

/**
 * Judges an upload by its progress rather than its total time: a 2 GiB file over a slow link takes as
 * long as it needs, a body that stalls (or trickles below the rate) is cut after one window with a 408.
 */
const watchProgress = (source: Readable, { bytesPerSecond, windowMs }: UploadProgressRule, cut: (error: AppError) => void) => {
  let received = 0;
  let atWindowStart = 0;
  const count = (chunk: Buffer) => (received += chunk.length);
  const timer = setInterval(() => {
    if (received - atWindowStart < (bytesPerSecond * windowMs) / 1000) {
      stop();
      cut(ERRORS.uploadTooSlow({ bytesPerSecond, windowSeconds: windowMs / 1000 }));
    }
    atWindowStart = received;
  }, windowMs);
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    source.off('data', count);
  };
  // The source is already flowing into the parser; one more listener only counts what goes by.
  source.on('data', count);
  source.once('end', stop).once('close', stop).once('error', stop);
};

/** busboy's parse errors as catalog errors: a body that stops early, or one that is not multipart at all. */
const multipartError = (error: Error): AppError => {
  if (isAppError(error)) return error;
  if (/unexpected end of (form|file)/i.test(error.message)) return ERRORS.multipartTruncated({ cause: error });
  return ERRORS.malformedMultipart({ cause: error });
};
