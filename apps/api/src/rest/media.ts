import {
  ACCESS,
  authorize,
  deleteMedia,
  findMedia,
  getMediaFile,
  getOwnedMedia,
  toMediaItem,
  uploadMedia,
  ZMediaListInput,
} from '@mediashare/core';
import { Hono } from 'hono';
import type { AppEnv } from '../deps';
import { receiveFile } from '../http/multipart';
import { sendObject } from '../http/send-object';
import { parseInput, parseMediaId } from '../http/validate';
import { refuseOversizedBody } from '../http/upload-limit';

/** The caller's vault: `/api/user/media`. */
export const mediaRoutes = new Hono<AppEnv>()
  .post('/', refuseOversizedBody(), async (c) => {
    const { user } = authorize(c.get('caller'), ACCESS.signedIn('share'));
    const { fileName, stream } = await receiveFile(c);
    const item = await uploadMedia(c.get('deps'), { userId: user.id, fileName, body: stream, source: 'upload' });
    return c.json(item, 201);
  })
  .get('/', async (c) => {
    const { user } = authorize(c.get('caller'), ACCESS.signedIn('read'));
    const { cursor, limit } = c.req.query();
    const input = parseInput(ZMediaListInput, { cursor, limit: limit === undefined ? undefined : Number(limit) });
    return c.json(await findMedia(c.get('deps'), { userId: user.id, ...input }));
  })
  .get('/:id', async (c) => {
    const { user } = authorize(c.get('caller'), ACCESS.signedIn('read'));
    const media = await getOwnedMedia(c.get('deps'), user.id, parseMediaId(c.req.param('id')));
    return c.json(toMediaItem(media));
  })
  .get('/:id/file', async (c) => {
    const { user } = authorize(c.get('caller'), ACCESS.signedIn('read'));
    const file = await getMediaFile(c.get('deps'), { userId: user.id, id: parseMediaId(c.req.param('id')) });
    return sendObject(c, {
      size: file.size,
      contentType: file.mimeType,
      fileName: file.fileName,
      open: file.open,
      cacheControl: 'private, max-age=3600',
    });
  })
  .delete('/:id', async (c) => {
    const { user } = authorize(c.get('caller'), ACCESS.signedIn('share'));
    await deleteMedia(c.get('deps'), { userId: user.id, id: parseMediaId(c.req.param('id')) });
    return c.body(null, 204);
  });
