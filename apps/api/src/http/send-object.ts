import { Readable } from 'node:stream';
import type { ByteRange, ObjectBody } from '@mediashare/core';
import type { Context } from 'hono';
import rangeParser from 'range-parser';

export interface SendObjectOptions {
  size: number;
  contentType: string;
  open: (range?: ByteRange) => Promise<ObjectBody>;
  cacheControl: string;
  fileName?: string;
  /** Sent as an attachment (a download) rather than inline. */
  attachment?: boolean;
  /** A strong validator: a request whose If-None-Match names it is answered 304 with no body. */
  etag?: string;
}

/** If-None-Match matches when it lists the tag (weak comparison, as RFC 9110 asks for GET) or is `*`. */
const matches = (header: string | undefined, etag: string) =>
  header !== undefined &&
  header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });

/**
 * RFC 6266: the name in UTF-8 (`filename*`, RFC 8187, which leaves fewer characters bare than
 * encodeURIComponent does) and an ASCII fallback for old clients: accents dropped, anything else `_`.
 */
const contentDisposition = (fileName: string, attachment = false) => {
  const fallback = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${attachment ? 'attachment' : 'inline'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
};

/**
 * Streams a stored object with HTTP Range support (one range; several are answered whole, as RFC 9110
 * allows). The stored type is sent with nosniff so a browser never reinterprets user bytes.
 */
export const sendObject = async (
  c: Context,
  { size, contentType, open, cacheControl, fileName, attachment, etag }: SendObjectOptions,
) => {
  const headers = new Headers({
    'Content-Type': contentType,
    'Accept-Ranges': 'bytes',
    'Cache-Control': cacheControl,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
  if (fileName) headers.set('Content-Disposition', contentDisposition(fileName, attachment));
  if (etag) {
    headers.set('ETag', etag);
    if (matches(c.req.header('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  }

  let range: ByteRange | undefined;
  const header = c.req.header('range');
  if (header) {
    const parsed = rangeParser(size, header, { combine: true });
    if (parsed === -1) {
      headers.set('Content-Range', `bytes */${size}`);
      return new Response(null, { status: 416, headers });
    }
    if (parsed !== -2 && parsed.type === 'bytes' && parsed.length === 1 && parsed[0]) {
      range = { start: parsed[0].start, end: parsed[0].end };
    }
  }

  const length = range ? range.end - range.start + 1 : size;
  headers.set('Content-Length', String(length));
  if (range) headers.set('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
  const status = range ? 206 : 200;
  if (c.req.method === 'HEAD') return new Response(null, { status, headers });

  const body = await open(range);
  return new Response(Readable.toWeb(body.stream) as ReadableStream, { status, headers });
};
