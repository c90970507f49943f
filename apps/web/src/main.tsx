// First: before any module makes a zod schema (see lib/no-eval.ts).
import './lib/no-eval';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { isUnauthorized } from './lib/errors';
import './styles/base.css';
import './styles/layout.css';
import { createTrpcClient, trpc } from './trpc';

const createQueryClient = () => {
  const client: QueryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
    queryCache: new QueryCache({
      // A session that ended elsewhere (expiry, sign-out in another tab): ask again who is signed in.
      onError: (error) => {
        if (isUnauthorized(error)) void client.invalidateQueries({ queryKey: getQueryKey(trpc.auth.me) });
      },
    }),
  });
  return client;
};

const Root = () => {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(createTrpcClient);
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </trpc.Provider>
  );
};

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
