import createClient from 'openapi-fetch';
import type { paths } from './generated/openapi';

/**
 * The same share through the REST API, with a client generated from GET /api/openapi.json by
 * openapi-typescript (`pnpm generate`): paths, bodies and answers are typed by the document.
 */
export const shareOverRest = async ({ url, token, mediaId }: { url: string; token: string; mediaId: number }) => {
  const api = createClient<paths>({ baseUrl: url, headers: { authorization: `Bearer ${token}` } });
  const { data, error, response } = await api.POST('/api/media/{id}/share', {
    params: { path: { id: mediaId } },
    body: { shareToCommunity: false },
  });
  if (error) throw new Error(`share failed (${response.status}): ${error.message}`);
  const shared = await api.GET('/api/shared/media/{code}', { params: { path: { code: data.shareCode } } });
  if (shared.error) throw new Error(`the share link does not answer (${shared.response.status})`);
  return { share: data, link: shared.data };
};
