import { getSharedMedia, getSharedMediaFile } from '@mediashare/core';
import { Hono } from 'hono';
import type { AppEnv } from '../deps';
import { sendObject } from '../http/send-object';

/** What a share link shows to anyone who has it: no session needed. */
export const sharedRoutes = new Hono<AppEnv>()
  .get('/:code', async (c) => c.json(await getSharedMedia(c.get('deps'), c.req.param('code'))))
  .get('/:code/file', async (c) => {
    const file = await getSharedMediaFile(c.get('deps'), c.req.param('code'));
    // Not cacheable by shared caches: deleting the share must stop the link at once.
    return sendObject(c, { ...file, contentType: file.mimeType, cacheControl: 'private, no-cache' });
  });
