import path from 'node:path';
import { BUDGETS, type BudgetPolicy, type TBudget } from '@mediashare/core';
import { z } from 'zod';

const int = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

const WINDOW_UNITS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * A budget: `account:200/1h,address:600/1h` (scopes `account` and `address`, windows in s, m, h or d),
 * or `off`. A scope left out is not counted.
 */
const budget = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx): BudgetPolicy => {
      if (text.trim() === 'off') return {};
      const policy: BudgetPolicy = {};
      for (const part of text.split(',').map((p) => p.trim())) {
        const match = /^(account|address):(\d{1,9})\/(\d{1,6})(s|m|h|d)$/.exec(part);
        if (!match || Number(match[2]) < 1 || Number(match[3]) < 1) {
          ctx.addIssue({
            code: 'custom',
            message: `expected "account:<n>/<window>,address:<n>/<window>" or "off", got "${part}"`,
          });
          return z.NEVER;
        }
        const [, scope, limit, amount, unit] = match as unknown as [
          string,
          'account' | 'address',
          string,
          string,
          keyof typeof WINDOW_UNITS,
        ];
        policy[scope] = { limit: Number(limit), windowMs: Number(amount) * WINDOW_UNITS[unit] };
      }
      return policy;
    });

/** Each budget's setting and default (README: Rate limits). */
const BUDGET_SETTINGS = {
  RATE_LIMIT_UPLOADS: budget('account:200/1h,address:600/1h'),
  RATE_LIMIT_SHARES: budget('account:300/1h,address:900/1h'),
  RATE_LIMIT_TOKENS: budget('account:20/1h,address:60/1h'),
  RATE_LIMIT_REGISTRATIONS: budget('address:20/1h'),
  RATE_LIMIT_UNLOCKS: budget('account:30/15m,address:30/15m'),
  RATE_LIMIT_REPORTS: budget('account:20/1h,address:60/1h'),
} satisfies Record<`RATE_LIMIT_${Uppercase<TBudget>}`, unknown>;

/** Every setting the API reads. README lists them in one table; nothing else reads process.env. */
const ZEnv = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    PUBLIC_URL: z.url().optional(),
    DATA_DIR: z.string().default('./.data'),
    DATABASE_URL: z.string().optional(),
    DATABASE_POOL_SIZE: int(10),
    DATABASE_PREPARE: z
      .enum(['true', 'false', '1', '0'])
      .default('true')
      .transform((v) => v === 'true' || v === '1'),
    STORAGE_DRIVER: z.enum(['local', 'supabase']).default('local'),
    SUPABASE_URL: z.url().optional(),
    SUPABASE_SERVICE_ROLE_KEY: z.string().optional(),
    SUPABASE_PUBLIC_URL: z.url().optional(),
    SUPABASE_TIMEOUT_MS: int(30_000),
    SUPABASE_DEADLINE_MS: int(10_000),
    SUPABASE_COPY_DEADLINE_MS: int(60_000),
    SUPABASE_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
    PUBLIC_CACHE_SECONDS: z.coerce.number().int().min(0).default(300),
    MAX_UPLOAD_BYTES: int(2 * 1024 ** 3),
    MAX_IMAGE_PIXELS: int(50_000_000),
    MAX_TAGS_PER_MEDIA: int(10),
    // Running an instance (issue 20): who may sign up, and what each account may store (unset: unlimited).
    REGISTRATION: z.enum(['open', 'invite', 'closed']).default('open'),
    DEFAULT_QUOTA_BYTES: z.coerce.number().int().min(0).optional(),
    SESSION_COOKIE_NAME: z
      .string()
      .regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/)
      .default('connect.sid'),
    SESSION_IDLE_HOURS: int(7 * 24),
    SESSION_ABSOLUTE_HOURS: int(30 * 24),
    LOGIN_MAX_FAILURES: int(5),
    LOGIN_MAX_FAILURES_PER_IP: int(50),
    LOGIN_LOCK_MINUTES: int(15),
    PASSWORD_HASHES_PER_IP: int(2),
    SCRYPT_COST: int(2 ** 15).refine((n) => (n & (n - 1)) === 0, 'must be a power of two'),
    INTERNAL_API_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    ALLOWED_ORIGINS: z.string().default(''),
    TRUST_PROXY: flag,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SWEEP_INTERVAL_SECONDS: int(300),
    SWEEP_GRACE_SECONDS: int(6 * 3600),
    DELETE_RETRY_MAX_SECONDS: int(30),
    UPLOAD_MIN_BYTES_PER_SEC: int(16 * 1024),
    UPLOAD_WINDOW_SECONDS: z.coerce.number().positive().default(60),
    HEADERS_TIMEOUT_SECONDS: z.coerce.number().positive().default(20),
    REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().default(60),
    DELETE_POLL_SECONDS: int(5),
    WEB_DIST_DIR: z.string().optional(),
    // Moderation (issue 13): the sharing policy in force (policy/<version>.md) and when reports hide an item.
    POLICY_DIR: z.string().optional(),
    POLICY_VERSION: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must name a file of POLICY_DIR without .md')
      .optional(),
    REPORTS_TO_HIDE: z.coerce.number().int().min(1).max(1000).default(3),
    WATERMARK_IMAGE: z.string().optional(),
    WATERMARK_POSITION: z
      .enum(['northwest', 'north', 'northeast', 'west', 'center', 'east', 'southwest', 'south', 'southeast'])
      .default('southeast'),
    WATERMARK_SCALE: z.coerce.number().gt(0).max(1).default(0.2),
    WATERMARK_OPACITY: z.coerce.number().min(0).max(1).default(0.6),
    WATERMARK_MARGIN: z.coerce.number().min(0).max(0.25).default(0.03),
    WATERMARK_CONCURRENCY: z.coerce.number().int().positive().optional(),
    WATERMARK_THREADS: z.coerce.number().int().positive().optional(),
    SHARE_CLAIM_TTL_SECONDS: z.coerce.number().positive().default(30),
    SHARE_WAIT_SECONDS: z.coerce.number().positive().default(30),
    SHARE_LOCK_TIMEOUT_MS: int(5000),
    RATE_LIMITS: z.enum(['on', 'off']).default('on'),
    ...BUDGET_SETTINGS,
    // Renditions (thumbnails, previews, video posters) and the tools video work runs with.
    RENDITION_CONCURRENCY: z.coerce.number().int().min(0).default(1),
    RENDITION_POLL_SECONDS: z.coerce.number().positive().default(10),
    RENDITION_LEASE_SECONDS: z.coerce.number().positive().default(120),
    RENDITION_MAX_ATTEMPTS: int(5),
    RENDITION_RETRY_SECONDS: z.coerce.number().positive().default(30),
    FFMPEG_PATH: z.string().optional(),
    FFPROBE_PATH: z.string().optional(),
    VIDEO_TIMEOUT_SECONDS: z.coerce.number().positive().default(60),
    // Password recovery by mail (issue 19): off unless SMTP_URL is set.
    SMTP_URL: z
      .url()
      .refine((url) => /^smtps?:\/\//.test(url), 'must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z.string().optional(),
    // GET /metrics (issue 19): off unless set; then it needs this bearer token.
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  })
  .transform((env) => ({
    ...env,
    PUBLIC_URL: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    /** Whether PUBLIC_URL was set rather than guessed: only a set one is named as the OpenAPI server. */
    PUBLIC_URL_IS_SET: env.PUBLIC_URL !== undefined,
    DATA_DIR: path.resolve(env.DATA_DIR),
    DATABASE_URL: env.DATABASE_URL || undefined,
    INTERNAL_API_TOKEN: env.INTERNAL_API_TOKEN || undefined,
    METRICS_TOKEN: env.METRICS_TOKEN || undefined,
    MAIL_FROM: env.MAIL_FROM ?? `mediashare <no-reply@${new URL(env.PUBLIC_URL ?? 'http://localhost').hostname}>`,
    ALLOWED_ORIGINS: env.ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    BUDGETS: Object.fromEntries(
      BUDGETS.map((name) => [name, env[`RATE_LIMIT_${name.toUpperCase() as Uppercase<TBudget>}`]]),
    ) as Record<TBudget, BudgetPolicy>,
  }))
  .superRefine((env, ctx) => {
    if (env.STORAGE_DRIVER === 'supabase' && (!env.SUPABASE_URL || !env.SUPABASE_SERVICE_ROLE_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: ['SUPABASE_URL'],
        message: 'SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY are required with STORAGE_DRIVER=supabase',
      });
    }
  });

export type Env = z.output<typeof ZEnv>;

export const parseEnv = (source: Record<string, string | undefined>): Env => {
  // Empty strings mean "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ZEnv.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
};

export const loadEnv = (): Env => parseEnv(process.env);
