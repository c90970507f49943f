import type { AppRouter } from '@mediashare/api/router';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export type { AppRouter };
/** Input types of every procedure, e.g. `Inputs['share']['create']`. */
export type Inputs = inferRouterInputs<AppRouter>;
/** Output types of every procedure, e.g. `Outputs['community']['list']`. */
export type Outputs = inferRouterOutputs<AppRouter>;

export interface MediashareClientOptions {
  /** Where mediashare runs, e.g. https://media.example.com */
  url: string;
  /** A personal API token (msk_...). Without one, only public procedures work. */
  token?: string;
  /** A fetch of your own (tests, proxies); the global one otherwise. */
  fetch?: typeof globalThis.fetch;
}

const base = (url: string) => url.replace(/\/+$/, '');

/**
 * A typed client for every mediashare procedure, with the server's own input and output types. It
 * imports the router's types only, so no server code reaches a bundle that uses it.
 */
export const createMediashareClient = ({ url, token, fetch }: MediashareClientOptions) =>
  createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${base(url)}/trpc`,
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
        ...(fetch ? { fetch } : {}),
      }),
    ],
  });

export type MediashareClient = ReturnType<typeof createMediashareClient>;

export const isMediashareError = (error: unknown): error is TRPCClientError<AppRouter> => error instanceof TRPCClientError;

export interface GeneratedMediaOptions {
  url: string;
  /** The server's INTERNAL_API_TOKEN. */
  serviceToken: string;
  userId: number;
  source: 'smart-caption' | 'babecock' | 'hypnococks';
  file: Blob;
  fileName: string;
  fetch?: typeof globalThis.fetch;
}

/**
 * For internal apps: stores generated media in a user's vault. Uploads are multipart, so this is the
 * one REST call the client makes; the answer is the media item as `media.get` returns it.
 */
export const registerGeneratedMedia = async ({
  url,
  serviceToken,
  userId,
  source,
  file,
  fileName,
  fetch = globalThis.fetch,
}: GeneratedMediaOptions) => {
  const form = new FormData();
  form.append('file', file, fileName);
  const res = await fetch(`${base(url)}/api/internal/users/${userId}/generated/${source}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${serviceToken}` },
    body: form,
  });
  const body = (await res.json()) as Outputs['media']['get'] | { message: string };
  if (res.status !== 201 || 'message' in body) {
    throw new Error(
      `registering generated media failed (${res.status}): ${'message' in body ? body.message : 'unexpected answer'}`,
    );
  }
  return body;
};
