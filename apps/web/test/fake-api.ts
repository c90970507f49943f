import { vi } from 'vitest';

type Handler = (input: any) => unknown;
export type ApiHandlers = Record<string, Handler>;

/** What a procedure throws to answer like the API does: `{ message }` with an HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The catalog error's extra fields, which tRPC answers in `data` (`twoFactorRequired`). */
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const TRPC_CODES: Record<number, [string, number]> = {
  400: ['BAD_REQUEST', -32600],
  401: ['UNAUTHORIZED', -32001],
  404: ['NOT_FOUND', -32004],
  500: ['INTERNAL_SERVER_ERROR', -32603],
};

const answer = async (handler: Handler | undefined, path: string, input: unknown) => {
  try {
    if (!handler) throw new ApiError(404, `No procedure ${path} in this test`);
    return { result: { data: await handler(input) }, error: undefined };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const [code, rpcCode] = TRPC_CODES[error.status] ?? ['INTERNAL_SERVER_ERROR', -32603];
    return { error: { message: error.message, code: rpcCode, data: { ...error.fields, code, httpStatus: error.status, path } } };
  }
};

/**
 * Stands in for the network under the real tRPC client: it speaks the batch wire format of `/trpc`
 * (procedure names joined by commas, inputs keyed by position) and records every call.
 */
export const createFakeApi = (handlers: ApiHandlers) => {
  const calls: { path: string; input: unknown }[] = [];
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const target = new URL(String(url), 'http://localhost');
    const paths = decodeURIComponent(target.pathname.replace(/^\/trpc\//, '')).split(',');
    const inputs = (
      init?.method === 'POST' ? JSON.parse(String(init.body)) : JSON.parse(target.searchParams.get('input') ?? '{}')
    ) as Record<string, unknown>;
    const results = await Promise.all(
      paths.map((path, i) => {
        calls.push({ path, input: inputs[i] });
        return answer(handlers[path], path, inputs[i]);
      }),
    );
    // A batch of one carries its error's status, as the server does; mixed batches answer 207.
    const [only] = results;
    const status = results.length === 1 && only?.error ? only.error.data.httpStatus : results.some((r) => r.error) ? 207 : 200;
    return new Response(JSON.stringify(results), { status, headers: { 'content-type': 'application/json' } });
  });
  return { fetch, calls, callsTo: (path: string) => calls.filter((c) => c.path === path).map((c) => c.input) };
};
