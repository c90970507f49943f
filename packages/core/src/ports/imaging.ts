import type { Readable } from 'node:stream';
import type { TWatermarkMime } from '../schemas/watermark-policy';

export interface WatermarkResult {
  /** The marked image's bytes, as they are produced. */
  stream: Readable;
  width: number;
  height: number;
  mimeType: TWatermarkMime;
}

export interface WatermarkPort {
  /**
   * Orientation applied first, the mark blended in, the same format (and alpha) out, no metadata.
   * Resolves once the image is decoded and measured; its bytes follow on `stream`.
   */
  watermark(input: Readable | Buffer, mimeType: TWatermarkMime): Promise<WatermarkResult>;
  /** Stops whatever the adapter runs in the background (worker threads). */
  close?(): Promise<void>;
}
