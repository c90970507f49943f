import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { createTrpcClient, trpc } from '../src/trpc';
import { createFakeApi } from './fake-api';

/** Renders with the app's real tRPC and query clients; only fetch is replaced. */
export const renderWithApi = (ui: ReactElement, handlers: Parameters<typeof createFakeApi>[0]) => {
  const api = createFakeApi(handlers);
  vi.stubGlobal('fetch', api.fetch);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const client = createTrpcClient();
  // user-event installs a clipboard stand-in, so copied text can be read back.
  const user = userEvent.setup();
  const view = render(
    <trpc.Provider client={client} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>
    </trpc.Provider>,
  );
  return { ...view, api, user };
};
