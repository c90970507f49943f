import type { App } from '../../src/app';

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
  const raw = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
  const type = raw.headers.get('content-type') ?? '';
  const parsed = type.includes('application/json') ? await raw.clone().json() : undefined;
  const cookieHeader = raw.headers.get('set-cookie') ?? undefined;
  return {
    status: raw.status,
    headers: raw.headers,
    body: parsed as T,
    setCookie: cookieHeader?.split(';')[0],
    raw,
  };
};
