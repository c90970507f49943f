import type { TWatermarkMime } from '@mediashare/core';
import sharp from 'sharp';
import { createEngine, type EngineSettings } from './engine';

export interface ServiceSetup {
  settings: EngineSettings;
  threads?: number | undefined;
}

/**
 * The protocol between the API process and the image service. Images travel in chunks both ways, so
 * neither side ever copies a whole image in one go on its event loop.
 */
export type Request =
  | { kind: 'setup'; setup: ServiceSetup }
  | { kind: 'start'; id: number; mimeType: TWatermarkMime }
  | { kind: 'chunk'; id: number; bytes: Uint8Array }
  | { kind: 'end'; id: number }
  | { kind: 'abort'; id: number };
export type Reply =
  | { kind: 'ready' }
  | { kind: 'measured'; id: number; width: number; height: number }
  | { kind: 'chunk'; id: number; bytes: Uint8Array }
  | { kind: 'done'; id: number }
  | { kind: 'failed'; id: number; message: string };

export const CHUNK_BYTES = 1024 * 1024;

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const send = (reply: Reply) => process.send?.(reply);

let watermark: ReturnType<typeof createEngine> | undefined;
const incoming = new Map<number, { mimeType: TWatermarkMime; chunks: Buffer[] }>();

const run = async (id: number, input: Buffer, mimeType: TWatermarkMime) => {
  if (!watermark) throw new Error('image service not set up');
  const out = await watermark(input, mimeType);
  send({ kind: 'measured', id, width: out.width, height: out.height });
  for (let at = 0; at < out.data.length; at += CHUNK_BYTES)
    send({ kind: 'chunk', id, bytes: out.data.subarray(at, at + CHUNK_BYTES) });
  send({ kind: 'done', id });
};

process.on('message', (request: Request) => {
  switch (request.kind) {
    case 'setup': {
      const { settings, threads } = request.setup;
      if (threads) sharp.concurrency(threads);
      watermark = createEngine({ ...settings, mark: { ...settings.mark, rgba: asBuffer(settings.mark.rgba) } });
      send({ kind: 'ready' });
      return;
    }
    case 'start':
      incoming.set(request.id, { mimeType: request.mimeType, chunks: [] });
      return;
    case 'chunk':
      incoming.get(request.id)?.chunks.push(asBuffer(request.bytes));
      return;
    case 'abort':
      incoming.delete(request.id);
      return;
    case 'end': {
      const job = incoming.get(request.id);
      incoming.delete(request.id);
      if (!job) return;
      run(request.id, Buffer.concat(job.chunks), job.mimeType).catch((error: unknown) =>
        send({ kind: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) }),
      );
    }
  }
});

// Without its parent there is no one to work for.
process.on('disconnect', () => process.exit(0));
