import { createTRPCClient, httpLink } from '@trpc/client';
import type { App } from '../../src/app';
import type { AppRouter } from '../../src/trpc/router';

/** A typed tRPC client whose requests go through app.request() with the given session cookie or headers. */
export const trpcFor = (app: App, cookie?: string, extraHeaders: Record<string, string> = {}) =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: 'http://localhost:3000/trpc',
        fetch: async (url, init) => {
          const headers = new Headers(init?.headers);
          if (cookie) headers.set('cookie', cookie);
          for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);
          return app.request(String(url), { ...init, headers } as RequestInit);
        },
      }),
    ],
  });

/** The HTTP status and message of a failed tRPC call, in the same shape as a REST answer. */
export const outcome = async <T>(promise: Promise<T>) => {
  try {
    return { status: 200, body: (await promise) as unknown };
  } catch (error) {
    const e = error as { message: string; data?: { httpStatus?: number } };
    return { status: e.data?.httpStatus ?? 0, body: { message: e.message } as unknown };
  }
};
