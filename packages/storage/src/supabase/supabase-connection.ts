import type { StorageClient } from '@supabase/storage-js';
import { createClient, type RealtimeClientOptions } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { createStorageFetch } from './storage-fetch';

export interface SupabaseConnectionOptions {
  /** The project URL, e.g. https://abcd.supabase.co; the Storage API lives under /storage/v1. */
  url: string;
  /** The service-role (secret) key: it bypasses row-level security, so it must never reach a browser. */
  serviceKey: string;
  /** An attempt fails when nothing moves on the wire for this long (an answer, or the next chunk of a body). */
  timeoutMs?: number;
  /**
   * How long one operation (an info call, a delete, a bucket call, the start of a transfer) may wait
   * for Supabase to answer, all attempts and backoff included. Transfers whose bytes are moving are judged by
   * timeoutMs alone.
   */
  deadlineMs?: number;
  /** The same for a server-side copy, where Supabase moves the bytes and nothing shows progress until it answers. */
  copyDeadlineMs?: number;
  /** Retries after the first attempt, for 5xx answers and network failures only. */
  retries?: number;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** The transport underneath (a proxy-aware fetch, or a counting one in tests). */
  fetch?: typeof fetch;
  /** Told of every retry, for the operator's metrics. */
  onRetry?: () => void;
}

export const SUPABASE_DEFAULTS = {
  timeoutMs: 30_000,
  deadlineMs: 10_000,
  copyDeadlineMs: 60_000,
  retries: 3,
  retryBaseDelayMs: 250,
  retryMaxDelayMs: 5_000,
} as const;

export interface SupabaseConnection {
  projectUrl: string;
  apiUrl: string;
  headers: Record<string, string>;
  fetch: typeof fetch;
  client: StorageClient;
  deadlines: { operation: number; copy: number };
}

export const connectSupabase = (options: SupabaseConnectionOptions): SupabaseConnection => {
  const projectUrl = options.url.replace(/\/+$/, '');
  const apiUrl = `${projectUrl}/storage/v1`;
  // Storage authenticates the Authorization bearer; the gateway of hosted projects also wants the key as apikey.
  const headers = { authorization: `Bearer ${options.serviceKey}`, apikey: options.serviceKey };
  const fetch = createStorageFetch({
    timeoutMs: options.timeoutMs ?? SUPABASE_DEFAULTS.timeoutMs,
    deadlineMs: options.deadlineMs ?? SUPABASE_DEFAULTS.deadlineMs,
    retries: options.retries ?? SUPABASE_DEFAULTS.retries,
    baseDelayMs: options.retryBaseDelayMs ?? SUPABASE_DEFAULTS.retryBaseDelayMs,
    maxDelayMs: options.retryMaxDelayMs ?? SUPABASE_DEFAULTS.retryMaxDelayMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  });
  // supabase-js builds its realtime client eagerly, and that needs a WebSocket class, which Node 20 lacks (22+
  // has one). The driver never opens a realtime channel; `ws` only lets the client be constructed there.
  // (ws's constructor types its URL argument more narrowly than realtime-js declares; at run time it is what
  // realtime-js documents for Node 20.)
  const realtime: RealtimeClientOptions =
    'WebSocket' in globalThis ? {} : { transport: WebSocket as unknown as RealtimeClientOptions['transport'] };
  const supabase = createClient(projectUrl, options.serviceKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { fetch, headers },
    realtime,
  });
  const deadlines = {
    operation: options.deadlineMs ?? SUPABASE_DEFAULTS.deadlineMs,
    copy: options.copyDeadlineMs ?? SUPABASE_DEFAULTS.copyDeadlineMs,
  };
  return { projectUrl, apiUrl, headers, fetch, client: supabase.storage, deadlines };
};
