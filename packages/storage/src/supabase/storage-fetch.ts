import { setTimeout as sleep } from 'node:timers/promises';
import { StorageError } from '@mediashare/core';

export interface StorageFetchOptions {
  /** An attempt fails when nothing moves on the wire for this long (waiting for headers, or for a body chunk). */
  timeoutMs: number;
  /** Attempts after the first, for 5xx answers and network failures only. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  fetch?: typeof fetch;
  random?: () => number;
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

const isReplayable = (body: unknown) =>
  body == null ||
  typeof body === 'string' ||
  body instanceof Uint8Array ||
  body instanceof ArrayBuffer ||
  body instanceof URLSearchParams ||
  body instanceof Blob ||
  body instanceof FormData;

/**
 * A one-shot request body. highWaterMark 0 means the network pulls each chunk, so the watchdog only runs
 * while a chunk waits for the network; a slow source (a client uploading through the API) is not our stall.
 */
const watchedUpload = (source: AsyncIterable<Uint8Array>, watchdog: Watchdog, state: { started: boolean }) => {
  let iterator: AsyncIterator<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        watchdog.disarm();
        state.started = true;
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

/**
 * The fetch handed to storage-js and used for downloads: every attempt is bounded by the watchdog, and 5xx
 * answers and network failures are retried with backoff. Never 4xx. A streamed body is retried only if the
 * failure came before its first chunk was read (a refused connection); once bytes have left, the source cannot
 * be replayed, and the caller hears the error.
 */
export const createStorageFetch = (options: StorageFetchOptions): typeof fetch => {
  const send = options.fetch ?? globalThis.fetch;
  return async (input, init = {}) => {
    const streamed = isReplayable(init.body) ? undefined : (init.body as unknown as AsyncIterable<Uint8Array>);
    const state = { started: false };
    for (let attempt = 0; ; attempt += 1) {
      const controller = new AbortController();
      const watchdog = new Watchdog(options.timeoutMs, () =>
        controller.abort(new StorageError(`Supabase Storage made no progress for ${options.timeoutMs} ms`)),
      );
      const signal = init.signal ? AbortSignal.any([controller.signal, init.signal]) : controller.signal;
      const body = streamed ? watchedUpload(streamed, watchdog, state) : init.body;
      const canRetry = () => attempt < options.retries && !init.signal?.aborted && !state.started;
      watchdog.arm();
      try {
        const response = await send(input, { ...init, body, signal, ...(streamed ? ONE_SHOT : {}) } as RequestInit);
        watchdog.disarm();
        const { status, response: answer } = await effectiveStatus(watchedResponse(response, watchdog));
        if (status < 500 || !canRetry()) return answer;
        await answer.body?.cancel();
      } catch (error) {
        watchdog.disarm();
        if (!canRetry()) throw error;
      }
      await sleep(backoffDelay(attempt, options, options.random));
    }
  };
};
