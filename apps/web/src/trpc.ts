import type { AppRouter } from '@mediashare/api/router';
import { createTRPCReact, httpBatchLink } from '@trpc/react-query';

export const trpc = createTRPCReact<AppRouter>();

export const createTrpcClient = () =>
  trpc.createClient({
    links: [
      httpBatchLink({
        url: '/trpc',
        // The server takes at most 10 calls in one batch (apps/api/src/trpc/request-guard.ts).
        maxItems: 10,
        fetch: (url, init) => fetch(url, { ...init, credentials: 'same-origin' }),
      }),
    ],
  });
