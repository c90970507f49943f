import { createClient, type Client } from './generated/client';

/**
 * A client of the generated SDK for one person. It keeps the cookies the server sets (the session cookie
 * at sign-up and sign-in) and the SDK sends the session back through the document's `session` security
 * scheme, a cookie named by the document, as a browser would.
 */
export const createSessionClient = (baseUrl: string): Client => {
  const cookies = new Map<string, string>();
  const client = createClient({
    baseUrl,
    auth: (scheme) => (scheme.in === 'cookie' && scheme.name ? cookies.get(scheme.name) : undefined),
  });
  client.interceptors.response.use((response) => {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(name.length + 1);
      if (value && !/;\s*max-age=0/i.test(line)) cookies.set(name, value);
      else cookies.delete(name);
    }
    return response;
  });
  return client;
};
