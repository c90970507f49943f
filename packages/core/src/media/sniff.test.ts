import { describe, expect, it } from 'vitest';
import { measureImage, sniffMediaType } from './sniff';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('sniffMediaType', () => {
  it.each([
    ['image/jpeg', hex('ffd8ffe000104a46494600010100000100010000')],
    ['image/png', hex('89504e470d0a1a0a0000000d49484452')],
    ['image/gif', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1')],
    ['image/webp', Buffer.concat([Buffer.from('RIFF'), hex('24000000'), Buffer.from('WEBPVP8 ')])],
    ['video/mp4', hex('000000186674797069736f6d0000020069736f6d6d703431')],
    ['video/quicktime', hex('0000001466747970717420200000020071742020')],
  ])('recognises %s from its signature', async (mime, bytes) => {
    expect(await sniffMediaType(bytes)).toBe(mime);
  });

  it.each([
    ['HTML', Buffer.from('<html><body>hi</body></html>')],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['a shell script', Buffer.from('#!/bin/sh\necho hi\n')],
    ['a PDF', Buffer.from('%PDF-1.4\n')],
    ['a ZIP', hex('504b0304140000000800')],
    ['a TIFF', hex('49492a00080000000000')],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', async (_what, bytes) => {
    expect(await sniffMediaType(bytes)).toBeNull();
  });
});

describe('measureImage', () => {
  it('reads a PNG’s size from its header and gives null for bytes it cannot read', () => {
    const png = hex('89504e470d0a1a0a0000000d49484452000001e0000002800806000000');
    expect(measureImage(png)).toEqual({ width: 480, height: 640 });
    expect(measureImage(hex('ffd8ffe0'))).toBeNull();
  });
});
