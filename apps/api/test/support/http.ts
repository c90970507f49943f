import type { App } from '../../src/app';
import { checkResponse } from './openapi';

type Seen = NonNullable<ReturnType<typeof checkResponse>>;
const recorders = new Set<(seen: Seen) => void>();

/** Collects every documented (operation, status) that responses in this file hit. */
export const recordOperations = () => {
  const seen = new Set<string>();
  const record = (s: Seen) => seen.add(`${s.method.toUpperCase()} ${s.template} ${s.status}`);
  recorders.add(record);
  return { seen, stop: () => recorders.delete(record) };
};

export interface CallOptions {
  method?: string;
  json?: unknown;
  /** A raw body, sent as is. */
  body?: RequestInit['body'];
  cookie?: string | undefined;
  headers?: Record<string, string>;
}

export interface CallResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  /** The session cookie the response set, as `name=value`, if it set one. */
  setCookie: string | undefined;
  raw: Response;
}

/** One request through app.request(); JSON bodies are parsed, other bodies are left on `raw`. */
export const call = async <T = any>(app: App, path: string, options: CallOptions = {}): Promise<CallResult<T>> => {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set('cookie', options.cookie);
  let body = options.body;
  if (options.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(options.json);
  }
  const method = options.method ?? (body === undefined ? 'GET' : 'POST');
  // A streamed body needs duplex: 'half' in Node's Request.
  const streamed = body instanceof ReadableStream ? { duplex: 'half' } : {};
  const raw = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }), ...streamed } as RequestInit);
  const type = raw.headers.get('content-type') ?? '';
  const parsed = type.includes('application/json') ? await raw.clone().json() : undefined;
  // Every response any test sees must match the OpenAPI document, wherever the path is documented.
  const seen = checkResponse(method, new URL(path, 'http://localhost').pathname, raw.status, type, parsed);
  if (seen) for (const record of recorders) record(seen);
  const cookieHeader = raw.headers.get('set-cookie') ?? undefined;
  return {
    status: raw.status,
    headers: raw.headers,
    body: parsed as T,
    setCookie: cookieHeader?.split(';')[0],
    raw,
  };
};
