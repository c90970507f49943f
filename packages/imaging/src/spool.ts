import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { inspectImageStream, measureImage, peekStream, requireImageSize } from '@mediashare/core';

/** Enough for every signature; dimensions can sit behind large EXIF or ICC segments, up to this. */
const FIRST_BYTES = 4100;
const MAX_HEADER_BYTES = 1024 * 1024;

/** A buffer is handed on in views of the size storage streams use, so peeking at it copies little. */
const CHUNK_BYTES = 1024 * 1024;
const chunksOf = (input: Readable | Buffer): AsyncIterable<Uint8Array> =>
  Buffer.isBuffer(input)
    ? Readable.from(
        (function* () {
          for (let at = 0; at < input.length; at += CHUNK_BYTES) yield input.subarray(at, at + CHUNK_BYTES);
        })(),
      )
    : input;

/** Writes the input to `file`, as it arrives, never holding more than a chunk of it. */
export const spool = async (input: Readable | Buffer, file: string) => {
  let bytes = 0;
  await pipeline(
    chunksOf(input),
    async function* (source: AsyncIterable<Uint8Array>) {
      for await (const chunk of source) {
        bytes += chunk.length;
        yield chunk;
      }
    },
    createWriteStream(file, { mode: 0o600 }),
  );
  return { bytes };
};

/**
 * Writes an image to `file` while it is inspected as an upload is: measured from its header, every frame
 * counted against the pixel limit, its bytes against what its pixels justify. A 640x480 JPEG followed by
 * a gigabyte of padding stops after some 18 MB with a 422, and nothing is decoded before the file is
 * known to be sound.
 */
export const spoolImage = async (input: Readable | Buffer, file: string, mimeType: string, maxPixels: number) => {
  const peeked = await peekStream(chunksOf(input), FIRST_BYTES);
  // Measured on a growing prefix, not on whatever the first chunk held: image-size's detectors read all
  // the bytes they are given, which costs tens of milliseconds for a photo passed as one buffer.
  let want = FIRST_BYTES;
  let size = measureImage(peeked.head.subarray(0, want));
  while (!size && want < MAX_HEADER_BYTES && (!peeked.isComplete || want < peeked.head.length)) {
    want = Math.min(want * 4, MAX_HEADER_BYTES);
    size = measureImage((await peeked.more(want)).subarray(0, want));
  }
  const stream = peeked.stream();
  let checked;
  try {
    checked = requireImageSize(size, maxPixels);
  } catch (error) {
    stream.destroy();
    throw error;
  }
  const inspector = inspectImageStream({ mimeType, size: checked, maxPixels });
  await pipeline(stream, inspector.transform, createWriteStream(file, { mode: 0o600 }));
  return { bytes: inspector.bytes(), ...inspector.size() };
};
