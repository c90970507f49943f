import { ACCESS, authorize, deleteShare, shareMedia, shareMediaByPath, ZShareByPathInput, ZShareInput } from '@mediashare/core';
import { Hono } from 'hono';
import type { AppEnv } from '../deps';
import { parseJsonBody, parseMediaId } from '../http/validate';

/** The three documented sharing endpoints, under `/api`. */
export const shareRoutes = new Hono<AppEnv>()
  .post('/media/:id/share', async (c) => {
    const { user } = authorize(c.get('caller'), ACCESS.signedIn('share'));
    const mediaId = parseMediaId(c.req.param('id'));
    const options = await parseJsonBody(c, ZShareInput);
    return c.json(await shareMedia(c.get('deps'), { userId: user.id, mediaId, options }));
  })
  .delete('/media/:id/share', async (c) => {
    const { user } = authorize(c.get('caller'), ACCESS.signedIn('share'));
    const mediaId = parseMediaId(c.req.param('id'));
    return c.json(await deleteShare(c.get('deps'), { userId: user.id, mediaId }));
  })
  .post('/user/media/share', async (c) => {
    const { user } = authorize(c.get('caller'), ACCESS.signedIn('share'));
    const { filePath, ...options } = await parseJsonBody(c, ZShareByPathInput);
    return c.json(await shareMediaByPath(c.get('deps'), { userId: user.id, filePath, options }));
  });
