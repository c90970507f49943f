/**
 * Counts the frames of an image as its bytes go by, without decoding or keeping them: GIF image
 * descriptors and animated WebP `ANMF` chunks sit throughout the file, not in its header, so an upload
 * is counted while it streams. A decoder composites every frame onto the full canvas, so each one costs
 * width x height pixels however small its own rectangle is.
 *
 * PNG counts as one frame: libvips decodes only the default image of an APNG, so its other frames never
 * cost the server anything. JPEG has one frame.
 */
export interface FrameCounter {
  push(chunk: Uint8Array): void;
  /** Frames seen so far (at least 1). */
  readonly frames: number;
}

type Step = { read: number } | { skip: number };
type Parser = Generator<Step, void, Uint8Array>;

function* subBlocks(): Parser {
  for (;;) {
    const [length = 0] = yield { read: 1 };
    if (length === 0) return;
    yield { skip: length };
  }
}

const colourTableBytes = (flags: number) => (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);

function* gif(onFrame: () => void): Parser {
  const screen = yield { read: 13 };
  yield { skip: colourTableBytes(screen[10] ?? 0) };
  for (;;) {
    const [introducer] = yield { read: 1 };
    if (introducer === 0x21) {
      yield { skip: 1 };
      yield* subBlocks();
    } else if (introducer === 0x2c) {
      onFrame();
      const descriptor = yield { read: 9 };
      // Local colour table, then the LZW minimum code size, then the image data.
      yield { skip: colourTableBytes(descriptor[8] ?? 0) + 1 };
      yield* subBlocks();
    } else {
      // The trailer (0x3b), or bytes that are not GIF any more: decoders stop here too.
      return;
    }
  }
}

function* webp(onFrame: () => void): Parser {
  yield { skip: 12 };
  for (;;) {
    const header = yield { read: 8 };
    const fourcc = String.fromCharCode(...header.subarray(0, 4));
    const size = Buffer.from(header).readUInt32LE(4);
    if (fourcc === 'ANMF') onFrame();
    // Chunks are padded to an even size.
    yield { skip: size + (size & 1) };
  }
}

/** Feeds chunks to a parser that asks for bytes to read (few, collected) or to skip (any number). */
const drive = (parser: Parser) => {
  let step = parser.next().value;
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let done = false;
  return (chunk: Uint8Array) => {
    let at = 0;
    while (!done && step && at < chunk.length) {
      if ('skip' in step) {
        const n = Math.min(step.skip, chunk.length - at);
        at += n;
        step = step.skip - n > 0 ? { skip: step.skip - n } : advance(Buffer.alloc(0));
      } else {
        const n = Math.min(step.read - pendingLength, chunk.length - at);
        pending.push(Buffer.from(chunk.subarray(at, at + n)));
        pendingLength += n;
        at += n;
        if (pendingLength === step.read) {
          const bytes = Buffer.concat(pending);
          pending = [];
          pendingLength = 0;
          step = advance(bytes);
        }
      }
    }
  };
  function advance(bytes: Buffer): Step | undefined {
    const next = parser.next(bytes);
    if (next.done) done = true;
    return next.done ? undefined : next.value;
  }
};

export const createFrameCounter = (mimeType: string): FrameCounter => {
  let counted = 0;
  const onFrame = () => {
    counted += 1;
  };
  const push = mimeType === 'image/gif' ? drive(gif(onFrame)) : mimeType === 'image/webp' ? drive(webp(onFrame)) : () => {};
  return {
    push,
    get frames() {
      return Math.max(1, counted);
    },
  };
};
