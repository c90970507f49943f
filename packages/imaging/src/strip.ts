import { createReadStream, createWriteStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ImagingError, type TWatermarkMime } from '@mediashare/core';
import sharp from 'sharp';
import { framesOf, readHeader, sourceOptions } from './engine';

/**
 * JPEG markers kept by the lossless strip: everything a decoder needs (tables, frame and scan headers,
 * restart intervals), APP0 JFIF, APP2 ICC profiles (colour, not identity) and APP14 Adobe (it says how
 * to convert the colours). APP1 (EXIF, XMP), APP13 (IPTC), the other APPn (MPF, maker blocks) and
 * comments go, and so does anything after the end of the image (a motion photo's clip, MPF images).
 */
const isKeptSegment = (marker: number, payload: Buffer) => {
  if (marker === 0xe0) return payload.subarray(0, 5).toString('latin1') === 'JFIF\0' && payload[12] === 0 && payload[13] === 0;
  if (marker === 0xe2) return payload.subarray(0, 12).toString('latin1') === 'ICC_PROFILE\0';
  if (marker === 0xee) return true;
  return !(marker >= 0xe0 && marker <= 0xef) && marker !== 0xfe;
};

/** A streaming filter over a JPEG's segments and scans; it never holds more than one segment. */
const jpegFilter = () => {
  let pending: Buffer = Buffer.alloc(0);
  let inScan = false;
  let isDone = false;
  let isStarted = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (isDone) return callback();
      const buf: Buffer = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      const out: Buffer[] = [];
      let at = 0;
      if (!isStarted) {
        if (buf.length < 2) {
          pending = buf;
          return callback();
        }
        if (buf[0] !== 0xff || buf[1] !== 0xd8) return callback(new ImagingError('corrupt', 'not a JPEG stream'));
        out.push(buf.subarray(0, 2));
        at = 2;
        isStarted = true;
      }
      while (at < buf.length && !isDone) {
        if (inScan) {
          // Entropy-coded data: 0xFF is followed by 0x00 (stuffing) or a restart marker; anything else
          // is the next marker.
          let ff = buf.indexOf(0xff, at);
          while (
            ff >= 0 &&
            ff + 1 < buf.length &&
            (buf[ff + 1] === 0 || ((buf[ff + 1] ?? 0) >= 0xd0 && (buf[ff + 1] ?? 0) <= 0xd7))
          )
            ff = buf.indexOf(0xff, ff + 2);
          if (ff < 0) {
            out.push(buf.subarray(at));
            at = buf.length;
          } else if (ff + 1 >= buf.length) {
            out.push(buf.subarray(at, ff));
            at = ff;
            break;
          } else {
            out.push(buf.subarray(at, ff));
            at = ff;
            inScan = false;
          }
          continue;
        }
        if (buf.length - at < 2) break;
        if (buf[at] !== 0xff) return callback(new ImagingError('corrupt', 'JPEG marker expected'));
        const marker = buf[at + 1] ?? 0;
        if (marker === 0xff) {
          at += 1; // fill byte
          continue;
        }
        if (marker === 0xd9) {
          out.push(buf.subarray(at, at + 2));
          isDone = true;
          break;
        }
        if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
          out.push(buf.subarray(at, at + 2));
          at += 2;
          continue;
        }
        if (buf.length - at < 4) break;
        const length = buf.readUInt16BE(at + 2);
        if (length < 2) return callback(new ImagingError('corrupt', 'bad JPEG segment length'));
        if (buf.length - at < 2 + length) break;
        const segment = buf.subarray(at, at + 2 + length);
        if (isKeptSegment(marker, segment.subarray(4))) out.push(segment);
        at += 2 + length;
        if (marker === 0xda) inScan = true;
      }
      pending = Buffer.from(buf.subarray(at));
      callback(null, out.length ? Buffer.concat(out) : undefined);
    },
    flush(callback) {
      callback(isDone ? null : new ImagingError('corrupt', 'JPEG ends before its end marker'));
    },
  });
};

interface Range {
  start: number;
  end: number;
}

/** Reads `length` bytes at `position`, failing on a short file. */
const readAt = async (file: FileHandle, position: number, length: number) => {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  if (bytesRead < length) throw new ImagingError('corrupt', 'file ends inside a chunk header');
  return buffer;
};

/** PNG chunks a decoder or colour management needs (APNG's included); text, eXIf, tIME and the rest go. */
const PNG_KEPT = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'cHRM',
  'gAMA',
  'iCCP',
  'sBIT',
  'sRGB',
  'cICP',
  'mDCv',
  'cLLi',
  'bKGD',
  'pHYs',
  'acTL',
  'fcTL',
  'fdAT',
]);

const pngRanges = async (file: FileHandle, size: number): Promise<Range[]> => {
  const ranges: Range[] = [{ start: 0, end: 8 }];
  for (let at = 8; at + 12 <= size;) {
    const header = await readAt(file, at, 8);
    const type = header.subarray(4, 8).toString('latin1');
    const end = at + 12 + header.readUInt32BE(0);
    // Unknown critical chunks (upper-case first letter) stay: without them the image would not decode.
    if (PNG_KEPT.has(type) || !/^[a-z]/.test(type)) ranges.push({ start: at, end: Math.min(end, size) });
    if (type === 'IEND') break;
    at = end;
  }
  return ranges;
};

const WEBP_KEPT = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);

/** WebP chunks without EXIF and XMP, the VP8X flags for them cleared and the RIFF size rewritten. */
const webpRanges = async (file: FileHandle, size: number) => {
  const ranges: (Range | Buffer)[] = [];
  let length = 4;
  for (let at = 12; at + 8 <= size;) {
    const header = await readAt(file, at, 8);
    const type = header.subarray(0, 4).toString('latin1');
    const chunkSize = header.readUInt32LE(4);
    const end = Math.min(at + 8 + chunkSize + (chunkSize & 1), size);
    if (type === 'VP8X') {
      const vp8x = await readAt(file, at, Math.min(end - at, 18));
      vp8x[8] = (vp8x[8] ?? 0) & ~0x0c;
      ranges.push(vp8x);
      length += vp8x.length;
    } else if (WEBP_KEPT.has(type)) {
      ranges.push({ start: at, end });
      length += end - at;
    }
    at = end;
  }
  const riff = Buffer.alloc(12);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(length, 4);
  riff.write('WEBP', 8, 'latin1');
  return [riff, ...ranges];
};

const copyRanges = async (input: string, output: string, ranges: (Range | Buffer)[]) => {
  const out = createWriteStream(output);
  await pipeline(async function* () {
    for (const range of ranges) {
      if (Buffer.isBuffer(range)) yield range;
      else if (range.end > range.start) yield* createReadStream(input, { start: range.start, end: range.end - 1 });
    }
  }, out);
};

/**
 * The image without EXIF, XMP, GPS, IPTC or comments, in its own format. An upright image keeps its
 * compressed data byte for byte (only metadata is dropped: no quality lost, a few milliseconds); one
 * stored sideways has its orientation applied, which needs a re-encode, at a quality that keeps it
 * indistinguishable. ICC profiles stay: they are colour, and dropping them would change how it looks.
 */
export const stripMetadata = async (
  input: string,
  output: string,
  { mimeType, maxPixels }: { mimeType: TWatermarkMime; maxPixels: number },
) => {
  const meta = await readHeader(input, mimeType, maxPixels);
  const frames = framesOf(meta);
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if ((meta.orientation ?? 1) === 1) {
    if (mimeType === 'image/jpeg') await pipeline(createReadStream(input), jpegFilter(), createWriteStream(output));
    else {
      const file = await open(input);
      try {
        const size = (await file.stat()).size;
        await copyRanges(input, output, mimeType === 'image/png' ? await pngRanges(file, size) : await webpRanges(file, size));
      } finally {
        await file.close();
      }
    }
    return { path: output, mimeType, width, height, isLossless: true };
  }

  let image = sharp(input, { ...sourceOptions(maxPixels), animated: frames > 1 })
    .rotate()
    .keepIccProfile();
  if (mimeType === 'image/jpeg') image = image.jpeg({ quality: 92 });
  else if (mimeType === 'image/png') image = image.png({ compressionLevel: 6 });
  else
    image = image.webp({
      quality: 90,
      effort: 2,
      ...(frames > 1 ? { loop: meta.loop ?? 0, ...(meta.delay ? { delay: meta.delay } : {}) } : {}),
    });
  const info = await image.toFile(output);
  return {
    path: output,
    mimeType,
    width: info.width,
    height: frames > 1 ? (info.pageHeight ?? info.height) : info.height,
    isLossless: false,
  };
};
