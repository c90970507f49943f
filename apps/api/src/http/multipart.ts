import type { IncomingMessage } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import { ERRORS } from '@mediashare/core';
import busboy from 'busboy';
import type { Context } from 'hono';

export interface ReceivedFile {
  fileName: string | undefined;
  stream: Readable;
}

/**
 * Resolves with the first file part named `field` while its bytes are still arriving, so the caller can
 * stream it to storage without buffering. A client that goes away fails that stream.
 */
export const receiveFile = (c: Context, field = 'file'): Promise<ReceivedFile> => {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) {
    throw ERRORS.notMultipart({ field });
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { 'content-type': contentType }, limits: { files: 1, fields: 20, fieldSize: 4096, parts: 25 } });
  } catch {
    throw ERRORS.malformedMultipart();
  }

  // On the node server read the socket directly; under app.request() (tests) the web stream.
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const webBody = incoming ? null : c.req.raw.body;
  const source: Readable = incoming ?? (webBody ? Readable.fromWeb(webBody as never) : Readable.from([]));

  return new Promise<ReceivedFile>((resolve, reject) => {
    let file: Readable | undefined;
    parser.on('file', (name, stream, info) => {
      if (name !== field || file) {
        stream.resume();
        return;
      }
      // busboy fails the part's own stream with a plain Error when the body breaks off mid-file ("Unexpected
      // end of form"); what the handler reads fails with the catalog's 400 instead, never a 500.
      const received = new PassThrough();
      stream.on('error', (error) => received.destroy(ERRORS.malformedMultipart({ cause: error })));
      stream.pipe(received);
      file = received;
      resolve({ fileName: info.filename, stream: received });
    });
    parser.on('error', (error: Error) => {
      if (file) file.destroy(ERRORS.malformedMultipart({ cause: error }));
      else reject(ERRORS.malformedMultipart());
    });
    parser.on('close', () => {
      if (!file) reject(ERRORS.missingFileField({ field }));
    });
    const fail = (error: Error) => {
      parser.destroy(error);
      file?.destroy(error);
      if (!file) reject(ERRORS.uploadInterrupted());
    };
    source.on('error', fail);
    // A client that hangs up mid-body: the request stream closes without ending.
    source.on('close', () => {
      if (!source.readableEnded) fail(new Error('client disconnected during upload'));
    });
    source.pipe(parser);
  });
};
