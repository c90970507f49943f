// Hand-made image structures for the frame counting tests: only their layout is read, never pixels.

/** A GIF of `frames` 1x1 frames on a `width` x `height` canvas, with a comment and a colour table. */
export const gifBytes = (width: number, height: number, frames: number) => {
  const parts: number[] = [...Buffer.from('GIF89a')];
  parts.push(width & 0xff, width >> 8, height & 0xff, height >> 8, 0x80, 0, 0);
  parts.push(0, 0, 0, 255, 255, 255); // global colour table, 2 entries
  parts.push(0x21, 0xfe, 5, ...Buffer.from('hello'), 0); // comment extension
  for (let i = 0; i < frames; i++) {
    parts.push(0x21, 0xf9, 4, 0, 10, 0, 0, 0); // graphic control: delay
    parts.push(0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0); // 1x1 descriptor, no local table
    parts.push(2, 2, 0x44, 0x01, 0); // LZW: min code size 2, one sub-block
  }
  parts.push(0x3b);
  return Buffer.from(parts);
};

export const riffChunk = (fourcc: string, payload: Buffer) => {
  const header = Buffer.alloc(8);
  header.write(fourcc, 0, 'latin1');
  header.writeUInt32LE(payload.length, 4);
  return Buffer.concat([header, payload, payload.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
};

/** The chunk layout of an animated WebP (payloads are placeholders: only the structure is read). */
export const animatedWebpBytes = (frames: number) => {
  const body = Buffer.concat([
    Buffer.from('WEBP'),
    riffChunk('VP8X', Buffer.alloc(10)),
    riffChunk('ANIM', Buffer.alloc(6)),
    ...Array.from({ length: frames }, (_, i) => riffChunk('ANMF', Buffer.alloc(16 + 101 + i))),
  ]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
};
