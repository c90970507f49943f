import { AsyncLocalStorage } from 'node:async_hooks';
import { StorageError } from '@mediashare/core';

export interface StorageFetchOptions {
  /**
   * An attempt fails when nothing moves on the wire for this long: while it waits for an answer, for the network
   * to take the next chunk of a request body, or for the next chunk of a response body.
   */
  timeoutMs: number;
  /**
   * What one call may spend waiting for Supabase to answer, attempts and backoff included, unless it runs inside
   * withDeadline(). A body that has started to move is judged by timeoutMs alone, however long it takes.
   */
  deadlineMs: number;
  /** Attempts after the first, for 5xx answers and network failures only. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  fetch?: typeof fetch;
  random?: () => number;
  /** Told of every retry, for the operator's metrics. */
  onRetry?: () => void;
}

/**
 * Exponential backoff with "equal jitter": half of each delay is fixed, so retries never hammer a struggling
 * server, and half is random, so many API processes that failed together do not retry in lockstep.
 */
export const backoffDelay = (
  attempt: number,
  { baseDelayMs, maxDelayMs }: Pick<StorageFetchOptions, 'baseDelayMs' | 'maxDelayMs'>,
  random = Math.random,
) => {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  return ceiling / 2 + (random() * ceiling) / 2;
};

// Timers are the global ones, looked up when used, so that tests can drive them with fake timers.
const noop = () => undefined;

class Watchdog {
  private timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly ms: number,
    private readonly expire: () => void,
  ) {}
  arm() {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.expire, this.ms);
  }
  disarm() {
    clearTimeout(this.timer);
  }
}

/** The moment by which Supabase must have answered one storage operation. */
class Deadline {
  private readonly timer: NodeJS.Timeout;
  private readonly listeners = new Set<() => void>();
  isExpired = false;

  constructor(readonly ms: number) {
    this.timer = setTimeout(() => {
      this.isExpired = true;
      for (const listener of this.listeners) listener();
      this.listeners.clear();
    }, ms);
    this.timer.unref?.();
  }

  /** Calls `expire` when the deadline passes (at once if it has); the returned function stops watching. */
  watch(expire: () => void): () => void {
    if (this.isExpired) {
      expire();
      return noop;
    }
    this.listeners.add(expire);
    return () => void this.listeners.delete(expire);
  }

  error(attempts: number, last?: string) {
    const tried = `${attempts} attempt${attempts === 1 ? '' : 's'}${last ? `; previous failure: ${last}` : ''}`;
    return new StorageError(`Supabase Storage did not answer within ${this.ms} ms (${tried})`);
  }

  clear() {
    clearTimeout(this.timer);
    this.listeners.clear();
  }
}

const operations = new AsyncLocalStorage<Deadline>();

/**
 * Runs one storage operation under one deadline: every request it makes (storage-js calls included, which take
 * no per-call options) shares the same `ms`, attempts and backoff included.
 */
export const withDeadline = async <T>(ms: number, operation: () => Promise<T>): Promise<T> => {
  const deadline = new Deadline(ms);
  try {
    return await operations.run(deadline, operation);
  } finally {
    deadline.clear();
  }
};

/** Sleeps `ms`; false if the deadline passed first. */
const pause = (ms: number, deadline: Deadline) =>
  new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve(true);
    }, ms);
    const stop = deadline.watch(() => {
      clearTimeout(timer);
      resolve(false);
    });
  });

type RequestBody =
  /** Sent as given: small bodies (JSON, forms), whose whole exchange falls under the deadline. */
  | { kind: 'fixed' }
  /** Bytes in memory: streamed so that their progress can be watched, and sent again on a retry. */
  | { kind: 'bytes'; bytes: Uint8Array }
  /** A one-shot stream (an upload passing through): never sent twice. */
  | { kind: 'stream'; source: AsyncIterable<Uint8Array> };

const classify = (body: unknown): RequestBody => {
  if (body instanceof Uint8Array && body.byteLength > 0) return { kind: 'bytes', bytes: body };
  const isFixed =
    body == null ||
    typeof body === 'string' ||
    body instanceof Uint8Array ||
    body instanceof ArrayBuffer ||
    body instanceof URLSearchParams ||
    body instanceof Blob ||
    body instanceof FormData;
  return isFixed ? { kind: 'fixed' } : { kind: 'stream', source: body as AsyncIterable<Uint8Array> };
};

const CHUNK_BYTES = 64 * 1024;

async function* slices(bytes: Uint8Array) {
  for (let offset = 0; offset < bytes.byteLength; offset += CHUNK_BYTES) yield bytes.subarray(offset, offset + CHUNK_BYTES);
}

/**
 * A request body. highWaterMark 0 means the network pulls each chunk, so the watchdog only runs while a chunk
 * waits for the network; a slow source (a client uploading through the API) is not our stall. `onStart` runs
 * at the first pull: from then on the body is moving and progress, not the deadline, judges the attempt.
 */
const watchedUpload = (source: AsyncIterable<Uint8Array>, watchdog: Watchdog, onStart: () => void) => {
  let iterator: AsyncIterator<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        watchdog.disarm();
        onStart();
        iterator ??= source[Symbol.asyncIterator]();
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(value);
        watchdog.arm();
      },
      async cancel(reason) {
        await iterator?.return?.(reason);
      },
    },
    { highWaterMark: 0 },
  );
};

/** The response body, read chunk by chunk as its consumer asks; a chunk that does not come in time fails the stream. */
const watchedResponse = (response: Response, watchdog: Watchdog): Response => {
  if (!response.body) return response;
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        watchdog.arm();
        try {
          const { value, done } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } finally {
          watchdog.disarm();
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
};

/**
 * Supabase Storage answers most errors with HTTP 400 and the real status in the body's `statusCode` (a legacy
 * choice of the Storage API), so a lock timeout arrives as 400 + "503". Only 400s are read here; they are small.
 */
const effectiveStatus = async (response: Response): Promise<{ status: number; response: Response }> => {
  if (response.status !== 400) return { status: response.status, response };
  const text = await response.text();
  let status = 400;
  try {
    const parsed = Number((JSON.parse(text) as { statusCode?: unknown }).statusCode);
    if (Number.isInteger(parsed)) status = parsed;
  } catch {
    // Not the Storage API's JSON envelope: the HTTP status stands.
  }
  return { status, response: new Response(text, { status: 400, statusText: response.statusText, headers: response.headers }) };
};

/**
 * Without `redirect: 'error'` and `window: null`, fetch clones the request so that it could follow a redirect,
 * and the clone's unread half of the teed body keeps every chunk: a 1 GB upload would sit in memory.
 */
const ONE_SHOT = { duplex: 'half', redirect: 'error', window: null } as const;

const describeFailure = (error: unknown) =>
  error instanceof Error
    ? error.cause instanceof Error
      ? `${error.message} (${error.cause.message})`
      : error.message
    : String(error);

/**
 * The fetch handed to storage-js and used for downloads. Two clocks bound it: each attempt fails when nothing
 * moves for timeoutMs, and the whole call (or the operation around it, see withDeadline) fails when Supabase
 * has not answered by its deadline, retries and backoff included. A body in motion answers only to the first:
 * a large transfer may take as long as it keeps moving. 5xx answers and network failures are retried with
 * backoff, never 4xx. Bytes in memory can be sent again; a streamed body is retried only if the failure came
 * before its first chunk was read (a refused connection), because once bytes have left the source cannot be
 * replayed, and the caller hears the error.
 */
export const createStorageFetch = (options: StorageFetchOptions): typeof fetch => {
  const send = options.fetch ?? globalThis.fetch;
  return async (input, init = {}) => {
    const scoped = operations.getStore();
    const deadline = scoped ?? new Deadline(options.deadlineMs);
    const body = classify(init.body);
    let isStreamStarted = false;
    let last: string | undefined;
    try {
      for (let attempt = 0; ; attempt += 1) {
        const controller = new AbortController();
        const watchdog = new Watchdog(options.timeoutMs, () =>
          controller.abort(new StorageError(`Supabase Storage made no progress for ${options.timeoutMs} ms`)),
        );
        let stopDeadline = deadline.watch(() => controller.abort(deadline.error(attempt + 1, last)));
        const onBodyStart = () => {
          if (body.kind === 'stream') isStreamStarted = true;
          stopDeadline();
          stopDeadline = noop;
        };
        const signal = init.signal ? AbortSignal.any([controller.signal, init.signal]) : controller.signal;
        let request: RequestInit = { ...init, signal };
        if (body.kind === 'stream') {
          request = { ...request, ...ONE_SHOT, body: watchedUpload(body.source, watchdog, onBodyStart) } as RequestInit;
        } else if (body.kind === 'bytes') {
          // The length the bytes would have carried: Storage checks the size limits against it before reading.
          const headers = new Headers(init.headers);
          headers.set('content-length', String(body.bytes.byteLength));
          request = {
            ...request,
            ...ONE_SHOT,
            headers,
            body: watchedUpload(slices(body.bytes), watchdog, onBodyStart),
          } as RequestInit;
        }
        const canRetry = () => attempt < options.retries && !init.signal?.aborted && !deadline.isExpired && !isStreamStarted;
        watchdog.arm();
        try {
          const response = await send(input, request);
          watchdog.disarm();
          stopDeadline();
          const { status, response: answer } = await effectiveStatus(watchedResponse(response, watchdog));
          if (status < 500 || !canRetry()) return answer;
          last = `HTTP ${status}`;
          await answer.body?.cancel();
        } catch (error) {
          watchdog.disarm();
          stopDeadline();
          if (!canRetry()) throw error;
          last = describeFailure(error);
        }
        options.onRetry?.();
        if (!(await pause(backoffDelay(attempt, options, options.random), deadline))) throw deadline.error(attempt + 1, last);
      }
    } finally {
      if (!scoped) deadline.clear();
    }
  };
};
