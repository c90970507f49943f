import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { finished, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { TWatermarkMime, WatermarkPort, WatermarkResult } from '@mediashare/core';
import { createLimit } from './limit';
import { blockUnneededLoaders } from './loaders';
import { prepareMark } from './mark';
import type { WatermarkPosition } from './placement';
import { CHUNK_BYTES, type Reply, type Request, type ServiceSetup } from './service';

export interface WatermarkOptions {
  position: WatermarkPosition;
  /** Mark width as a fraction of the image width. */
  scale: number;
  opacity: number;
  /** Distance from the edges as a fraction of the image's shorter side. */
  margin: number;
  /** The operator's own mark (PNG, WebP or JPEG); the bundled JOIP mark otherwise. */
  imagePath?: string | undefined;
  /** Images over this many pixels are refused before decoding. */
  maxPixels: number;
  /** Jobs at once; defaults to one per core (past that, jobs only queue). */
  concurrency?: number;
  /** libvips threads per job (process-wide); libvips defaults to one per core. */
  threadsPerJob?: number;
}

export interface Watermarker extends WatermarkPort {
  close(): Promise<void>;
}

// From source the service needs a TypeScript loader; the server build bundles it beside itself.
const serviceUrl = import.meta.url.endsWith('.ts')
  ? new URL('./service-dev.mjs', import.meta.url)
  : new URL('./image-service.js', import.meta.url);

const startService = (setup: ServiceSetup) =>
  new Promise<ChildProcess>((resolve, reject) => {
    const child = fork(fileURLToPath(serviceUrl), [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`image service exited with ${code} while starting`)));
    child.once('message', (reply: Reply) => {
      if (reply.kind !== 'ready') return reject(new Error('image service failed to start'));
      child.removeAllListeners('exit');
      child.removeAllListeners('error');
      resolve(child);
    });
    child.send({ kind: 'setup', setup } satisfies Request);
  });

/**
 * An idle service must not keep the process alive; one with jobs must, even when nothing else does
 * (a script, not a server). The IPC channel is a handle of its own and needs the same treatment.
 */
const setIdle = (child: ChildProcess, idle: boolean) => {
  if (idle) {
    child.unref();
    child.channel?.unref();
  } else {
    child.ref();
    child.channel?.ref();
  }
};

/**
 * Watermarking in a separate process at lower CPU priority, so decoding and encoding never take the
 * event loop's time or its CPU away from the API. The mark is rendered once here, at start (it may be
 * SVG), before every decoder the product does not need is blocked; the service gets its pixels.
 */
export const createWatermarker = async (options: WatermarkOptions): Promise<Watermarker> => {
  const mark = await prepareMark({ imagePath: options.imagePath, opacity: options.opacity });
  blockUnneededLoaders();
  const setup: ServiceSetup = {
    settings: { mark, position: options.position, scale: options.scale, margin: options.margin, maxPixels: options.maxPixels },
    threads: options.threadsPerJob,
  };
  const limit = createLimit(options.concurrency ?? availableParallelism());
  interface Pending {
    mimeType: TWatermarkMime;
    measured: (result: WatermarkResult) => void;
    fail: (error: Error) => void;
    output?: Readable;
  }
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let closed = false;

  const attach = (child: ChildProcess) => {
    child.on('message', (reply: Reply) => {
      if (reply.kind === 'ready') return;
      const job = pending.get(reply.id);
      if (!job) return;
      if (reply.kind === 'measured') {
        job.output = new Readable({ read() {} });
        job.measured({ stream: job.output, width: reply.width, height: reply.height, mimeType: job.mimeType });
      } else if (reply.kind === 'chunk') {
        job.output?.push(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength));
      } else {
        pending.delete(reply.id);
        if (reply.kind === 'done') job.output?.push(null);
        else job.fail(new Error(reply.message));
      }
      if (pending.size === 0) setIdle(child, true);
    });
    // A service that dies (out of memory on a hostile image, say) fails its jobs and is replaced.
    child.once('exit', (code) => {
      for (const [id, job] of pending) {
        pending.delete(id);
        job.fail(new Error(`image service exited with ${code}`));
      }
      if (!closed) service = startService(setup).then(attach);
    });
    setIdle(child, true);
    return child;
  };
  let service = startService(setup).then(attach);
  await service;

  /** Sends the input in chunks, waiting for each to be written, so a large file never piles up. */
  const upload = async (child: ChildProcess, id: number, input: Readable | Buffer) => {
    const sendChunk = (bytes: Uint8Array) =>
      new Promise<void>((resolve, reject) =>
        child.send({ kind: 'chunk', id, bytes } satisfies Request, (error) => (error ? reject(error) : resolve())),
      );
    if (Buffer.isBuffer(input)) {
      for (let at = 0; at < input.length; at += CHUNK_BYTES) await sendChunk(input.subarray(at, at + CHUNK_BYTES));
    } else {
      for await (const chunk of input) await sendChunk(chunk as Buffer);
    }
  };

  const watermark = async (input: Readable | Buffer, mimeType: TWatermarkMime) => {
    if (closed) throw new Error('watermarker is closed');
    const child = await service;
    const id = nextId++;
    const result = new Promise<WatermarkResult>((resolve, reject) => {
      pending.set(id, {
        mimeType,
        measured: resolve,
        fail: (error) => {
          const job = pending.get(id);
          reject(error);
          job?.output?.destroy(error);
        },
      });
    });
    setIdle(child, false);
    child.send({ kind: 'start', id, mimeType } satisfies Request);
    try {
      await upload(child, id, input);
    } catch (error) {
      pending.get(id)?.fail(error as Error);
      pending.delete(id);
      child.send({ kind: 'abort', id } satisfies Request);
      throw error;
    }
    child.send({ kind: 'end', id } satisfies Request);
    return result;
  };

  return {
    // The slot is held until the marked bytes have been read, so at most `concurrency` images are in flight.
    watermark: (input, mimeType) =>
      new Promise<WatermarkResult>((resolve, reject) => {
        void limit(
          () =>
            new Promise<void>((done) => {
              watermark(input, mimeType).then(
                (result) => {
                  finished(result.stream, () => done());
                  resolve(result);
                },
                (error: unknown) => {
                  done();
                  reject(error as Error);
                },
              );
            }),
        );
      }),
    async close() {
      closed = true;
      const child = await service;
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        // Held until it is gone, so a caller awaiting close() is not left with an empty event loop.
        setIdle(child, false);
        child.kill();
      });
    },
  };
};
