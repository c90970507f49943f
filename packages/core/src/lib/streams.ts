import { Readable, Transform } from 'node:stream';

/**
 * Reads at least `bytes` from the front of a stream (less only at its end) and hands back those bytes
 * plus a stream that yields everything, the peeked bytes included. The original is consumed through one
 * iterator, so destroying the returned stream destroys the source too.
 */
export const peekStream = async (source: AsyncIterable<Uint8Array>, bytes: number) => {
  const iterator = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;

  const pull = async (atLeast: number) => {
    while (!done && length < atLeast) {
      const next = await iterator.next();
      if (next.done) done = true;
      else {
        const chunk = Buffer.from(next.value);
        chunks.push(chunk);
        length += chunk.length;
      }
    }
    return Buffer.concat(chunks);
  };

  const head = await pull(bytes);

  const rest = async function* () {
    try {
      for (const chunk of chunks) yield chunk;
      while (true) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  };

  return {
    head,
    /** Reads further into the stream, for formats whose header can sit behind large metadata. */
    more: (atLeast: number) => pull(atLeast),
    get isComplete() {
      return done;
    },
    /** Everything the source yields, from its first byte; call once, after the last `more`. */
    stream: () => Readable.from(rest(), { objectMode: false }),
  };
};

/** Passes bytes through until more than `max` have gone by, then fails with `onExceed()`. */
export const limitBytes = (max: number, onExceed: () => Error): Transform => {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > max) callback(onExceed());
      else callback(null, chunk);
    },
  });
};
