import { readFile } from 'node:fs/promises';
import { createMediashareClient, registerGeneratedMedia } from '@mediashare/client';
import type { ExampleConfig } from './env';

/**
 * What an internal app like smart-caption does: store a generated image in the user's vault, share it
 * to the Community (generated media needs no tags or policy), and find it in the feed.
 */
export const publishCaption = async (config: ExampleConfig) => {
  const client = createMediashareClient({ url: config.url, token: config.token });
  const png = await readFile(new URL('../assets/caption.png', import.meta.url));

  const media = await registerGeneratedMedia({
    url: config.url,
    serviceToken: config.serviceToken,
    userId: config.userId,
    source: 'smart-caption',
    file: new Blob([png], { type: 'image/png' }),
    fileName: 'caption.png',
  });
  const shared = await client.share.create.mutate({ id: media.id, shareToCommunity: true, tags: ['humor'] });
  if (!shared.communityMediaId) throw new Error('the share did not reach the Community');
  const item = await client.community.get.query({ id: shared.communityMediaId });
  const feed = await client.community.list.query({ origin: 'generated', tags: ['humor'], limit: 10 });
  return { media, shared, item, inFeed: feed.items.some((entry) => entry.id === item.id) };
};
