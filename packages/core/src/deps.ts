import type { DatabasePort } from './ports/database';
import type { Logger } from './ports/logger';
import type { ImagingPort, WatermarkPort } from './ports/imaging';
import type { StoragePort } from './ports/storage';

export interface CoreConfig {
  maxUploadBytes: number;
  /** Width x height above which an image is refused from its header, before any decoding. */
  maxImagePixels: number;
  maxTagsPerMedia: number;
  session: { idleTtlMs: number; absoluteTtlMs: number };
  loginThrottle: {
    windowMs: number;
    lockMs: number;
    /** Failed attempts for one account name before it is locked. */
    maxFailuresPerLogin: number;
    /** Failed attempts from one client address before it is locked, whatever names it tries. */
    maxFailuresPerIp: number;
  };
  /** scrypt cost (N) for new password hashes; existing hashes carry their own. */
  scryptCost: number;
  share: {
    /** How long a community copy in progress holds its claim without renewing it. */
    claimTtlMs: number;
    /** How long a request waits for another request's copy of the same item before answering 503. */
    claimWaitMs: number;
    /** How long a request waits for the item's advisory lock before answering 503. */
    lockTimeoutMs: number;
  };
  renditions: {
    /** How long a rendition job stays its worker's without the lease being renewed. */
    leaseMs: number;
    /** Attempts before an item is left without renditions (the reason kept on its row). */
    maxAttempts: number;
    /** Wait before the first retry; it doubles with each attempt. */
    retryBaseMs: number;
  };
}

/** What every domain function may use. Adapters build it once per process. */
export interface CoreDeps {
  db: DatabasePort;
  storage: StoragePort;
  watermark: WatermarkPort;
  /** Renditions, stripped copies and video probes: the same image service as the watermark. */
  imaging: ImagingPort;
  logger: Logger;
  config: CoreConfig;
  now: () => Date;
  /** Called after rendition jobs are queued, so this process's worker starts at once, not at its next poll. */
  wakeRenditionWorker?: () => void;
}
