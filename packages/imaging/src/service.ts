import { ImagingError, type VideoTools } from '@mediashare/core';
import sharp from 'sharp';
import { createEngine, type Engine } from './engine';
import { blockUnneededLoaders } from './loaders';
import type { Job, Reply, Request, ServiceSetup } from './protocol';
import { hashImage, makeRenditions } from './renditions';
import { stripMetadata } from './strip';
import { findVideoTools, processVideo } from './video';

const send = (reply: Reply) => process.send?.(reply);
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

let setup: ServiceSetup | undefined;
let engine: Engine | undefined;
let videoTools: Promise<VideoTools> | undefined;

const run = async (job: Job): Promise<unknown> => {
  if (!setup || !engine) throw new Error('image service not set up');
  const { maxPixels } = setup.settings;
  switch (job.op) {
    case 'watermark':
      return engine.watermark(job.input, job.output, job.mimeType);
    case 'renditions':
      return makeRenditions(job.input, job.outputDir, {
        mimeType: job.mimeType,
        maxPixels,
        inputBytes: job.inputBytes,
        ...(job.watermark ? { mark: engine.mark } : {}),
      });
    case 'strip':
      return stripMetadata(job.input, job.output, { mimeType: job.mimeType, maxPixels });
    case 'hash':
      return hashImage(job.input, { mimeType: job.mimeType, maxPixels });
    case 'videoTools':
      return (videoTools ??= findVideoTools(setup.video));
    case 'video': {
      const tools = await (videoTools ??= findVideoTools(setup.video));
      if (!tools.isAvailable) return tools;
      const result = await processVideo(tools, job.input, job.outputDir, {
        timeoutMs: setup.video.timeoutMs,
        maxPixels,
        hashOnly: job.hashOnly,
      });
      return { isAvailable: true, ...result };
    }
  }
};

/** sharp's own refusals, told apart so the adapter can answer a 422 for the pixel limit. */
const reasonOf = (error: unknown) => {
  if (error instanceof ImagingError) return error.reason;
  const message = error instanceof Error ? error.message : String(error);
  return /pixel limit/i.test(message) ? 'unprocessable' : 'corrupt';
};

process.on('message', (request: Request) => {
  if (request.kind === 'setup') {
    setup = request.setup;
    const { settings, threads } = setup;
    if (threads) sharp.concurrency(threads);
    // This is where untrusted bytes are decoded: only the loaders for the accepted formats stay.
    blockUnneededLoaders();
    // Every job reads a new temporary file once: caching decoded operations would only keep them (and
    // their deleted files) alive.
    sharp.cache(false);
    engine = createEngine({ ...settings, mark: { ...settings.mark, rgba: asBuffer(settings.mark.rgba) } });
    send({ kind: 'ready' });
    return;
  }
  const { id, job } = request;
  run(job).then(
    (result) => send({ kind: 'done', id, result }),
    (error: unknown) =>
      send({ kind: 'failed', id, message: error instanceof Error ? error.message : String(error), reason: reasonOf(error) }),
  );
});

// Without its parent there is no one to work for.
process.on('disconnect', () => process.exit(0));
