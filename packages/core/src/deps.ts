import type { HashingGate } from './auth/hashing-gate';
import type { RateLimitConfig } from './limits/budgets';
import type { DatabasePort } from './ports/database';
import type { Logger } from './ports/logger';
import type { ImagingPort, WatermarkPort } from './ports/imaging';
import type { StoragePort } from './ports/storage';
import type { TRegistrationMode } from './schemas/instance';

export interface CoreConfig {
  maxUploadBytes: number;
  /** Width x height above which an image is refused from its header, before any decoding. */
  maxImagePixels: number;
  maxTagsPerMedia: number;
  /** REGISTRATION: who may create an account through the API. */
  registration: TRegistrationMode;
  /** DEFAULT_QUOTA_BYTES: what an account without a quota of its own may store; null is unlimited. */
  defaultQuotaBytes: number | null;
  session: { idleTtlMs: number; absoluteTtlMs: number };
  loginThrottle: {
    /** A budget's window, from its first attempt; a spent budget refuses until the window ends. */
    windowMs: number;
    /** Attempts at one account per window, whichever of its names is typed. */
    maxFailuresPerLogin: number;
    /** Attempts from one client address (an IPv6 /64) per window, whatever names it tries. */
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
  /** The Community sharing policy in force (its file under policy/, read at start). */
  policy: { version: string; text: string; sha256: string };
  moderation: {
    /** Distinct reporters after whom an item reported for a reason that is not severe is hidden. */
    hideAfterReporters: number;
  };
  /** Request budgets per account and per address (limits/budgets.ts). */
  rateLimits: RateLimitConfig;
  idempotency: {
    /** How long an answer stays stored under its Idempotency-Key. */
    ttlMs: number;
    /** How long a running request holds its key without renewing it (renewed every third of it). */
    lockMs: number;
    /** How long a duplicate waits for the first request's answer before answering 409. */
    waitMs: number;
    /** How often a waiting duplicate looks again. */
    pollMs: number;
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
  /** Password hashing, bounded per client address (auth/hashing-gate.ts). */
  hashing: HashingGate;
  /** Called after rendition jobs are queued, so this process's worker starts at once, not at its next poll. */
  wakeRenditionWorker?: () => void;
}
