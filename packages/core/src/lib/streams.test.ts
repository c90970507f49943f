import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { limitBytes, peekStream } from './streams';

const chunks = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));

describe('peekStream', () => {
  it('returns the head and a stream that still yields every byte', async () => {
    const peeked = await peekStream(chunks('ab', 'cd', 'ef', 'gh'), 3);
    expect(peeked.head.toString()).toBe('abcd');
    expect(await text(peeked.stream())).toBe('abcdefgh');
  });

  it('can read further before the stream is taken', async () => {
    const peeked = await peekStream(chunks('ab', 'cd', 'ef', 'gh'), 1);
    expect((await peeked.more(5)).toString()).toBe('abcdef');
    expect(await text(peeked.stream())).toBe('abcdefgh');
  });

  it('stops at the end of a short stream', async () => {
    const peeked = await peekStream(chunks('xy'), 100);
    expect(peeked.head.toString()).toBe('xy');
    expect(peeked.isComplete).toBe(true);
    expect(await text(peeked.stream())).toBe('xy');
  });

  it('passes the source’s failure on', async () => {
    const source = new Readable({ read() {} });
    source.push(Buffer.from('abc'));
    const peeked = await peekStream(source, 2);
    const out = peeked.stream();
    setImmediate(() => source.destroy(new Error('client went away')));
    await expect(text(out)).rejects.toThrow('client went away');
  });
});

describe('limitBytes', () => {
  it('lets a stream at the limit through and fails one byte over', async () => {
    const sink = async (input: string, max: number) => {
      let out = '';
      await pipeline(
        chunks(input),
        limitBytes(max, () => new Error('too big')),
        async (source) => {
          for await (const c of source) out += String(c);
        },
      );
      return out;
    };
    expect(await sink('12345', 5)).toBe('12345');
    await expect(sink('123456', 5)).rejects.toThrow('too big');
  });
});
