import type { TImagingFailure, TRenditionSourceMime, TWatermarkMime } from '@mediashare/core';
import type { EngineSettings } from './engine';
import type { VideoSettings } from './video';

/**
 * The protocol between the API process and the image service. Inputs and outputs are temporary files
 * in a directory the adapter owns: the service never holds a whole original in memory (libvips reads
 * what it decodes from the file), and nothing large crosses the IPC channel.
 */
export interface ServiceSetup {
  settings: EngineSettings;
  video: VideoSettings;
  threads?: number | undefined;
}

export type Job =
  | { op: 'watermark'; input: string; output: string; mimeType: TWatermarkMime }
  | {
      op: 'renditions';
      input: string;
      outputDir: string;
      mimeType: TRenditionSourceMime;
      watermark: boolean;
      /** Bytes of the original: an animated preview is only kept when smaller. */
      inputBytes: number;
    }
  | { op: 'strip'; input: string; output: string; mimeType: TWatermarkMime }
  | { op: 'hash'; input: string; mimeType: TRenditionSourceMime }
  | { op: 'video'; input: string; outputDir: string; hashOnly: boolean }
  | { op: 'videoTools' };

/** A file the service wrote, described for the adapter, which opens it and takes it from there. */
export interface OutputFile {
  path: string;
  mimeType: string;
  width: number;
  height: number;
}

export type Request = { kind: 'setup'; setup: ServiceSetup } | { kind: 'job'; id: number; job: Job };
export type Reply =
  | { kind: 'ready' }
  | { kind: 'done'; id: number; result: unknown }
  | {
      kind: 'failed';
      id: number;
      message: string;
      /** What kind of failure; 'unprocessable' is the 422 of the pixel limit. */
      reason: TImagingFailure | 'unprocessable';
    };
