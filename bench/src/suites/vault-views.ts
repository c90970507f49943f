import { freshDatabase, startBuiltServer, type BuiltServer } from '@mediashare/testing';
import { COMMUNITY, share, signUp, upload } from '../api';
import { detailedPhoto } from '../fixtures';
import { MB, median, timeRuns } from '../measure';
import { row, type Row } from '../report';
import type { Settings } from '../settings';

interface Item {
  id: number;
  thumbnailUrl: string | null;
  placeholder: string | null;
}

/** Waits for the server's worker to make every item's renditions (there is no other signal). */
const renditionsReady = async (server: BuiltServer, cookie: string, count: number) => {
  for (const deadline = Date.now() + 10 * 60_000; Date.now() < deadline;) {
    const res = await fetch(`${server.url}/api/user/media?limit=60`, { headers: { cookie } });
    const { items } = (await res.json()) as { items: Item[] };
    if (items.length >= count && items.every((i) => i.thumbnailUrl)) return items;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('renditions were not made in time');
};

const bytesOf = async (url: string, cookie?: string) =>
  (await (await fetch(url, cookie ? { headers: { cookie } } : {})).arrayBuffer()).byteLength;

/**
 * 17. A vault page of 30 photos: bytes of the images the grid loads / bytes of the originals. The grid's
 *     srcset offers the 480 px thumbnail and the 2048 px preview with sizes of 240 px (50vw on phones):
 *     at device pixel ratio 1 and 2 a browser takes the thumbnail, which is what is fetched here.
 * 18. The Community feed's first view at 1280 px: 24 items, sizes 33vw (422 px), so the thumbnails
 *     again; MB of images. Every item carries its placeholder in the JSON, painted before any image.
 *     The photo is `detailedPhoto`, whose thumbnails keep more detail than most real photos'.
 * 19. Upload p50 of the same photo with the rendition worker on / off (RENDITION_CONCURRENCY=0).
 */
export const vaultViewsSuite = async (settings: Settings): Promise<Row[]> => {
  const { width, height } = settings.photo;
  const megapixels = `${Math.round((width * height) / 1e6)} MP`;
  const vaultPage = settings.smoke ? 6 : 30;
  const feedPage = settings.smoke ? 6 : 24;
  const input = await detailedPhoto(width, height);
  const rows: Row[] = [];

  const database = await freshDatabase('mediashare_bench');
  const server = await startBuiltServer({ ...database.env, RENDITION_POLL_SECONDS: '1' });
  try {
    const { cookie } = await signUp(server.url);
    const withWorker = await timeRuns(vaultPage, () => upload(server.url, cookie, input, 'photo.jpg'));
    const items = await renditionsReady(server, cookie, vaultPage);
    let grid = 0;
    for (const item of items.slice(0, vaultPage)) grid += await bytesOf(`${server.url}${item.thumbnailUrl}`, cookie);
    rows.push(
      row({
        id: '17',
        name: `Vault page of ${vaultPage} ${megapixels} photos`,
        ratioOf: 'image bytes the grid loads / bytes of the originals',
        value: grid / (input.length * vaultPage),
        target: { op: '<=', bound: 0.02 },
        figures: { gridKB: grid / 1024, originalsMB: (input.length * vaultPage) / MB },
      }),
    );

    for (const item of items.slice(0, feedPage)) await share(server.url, cookie, item.id, COMMUNITY);
    let feed: Item[] = [];
    for (const deadline = Date.now() + 10 * 60_000; Date.now() < deadline;) {
      const res = await fetch(`${server.url}/api/community?limit=${feedPage}`);
      feed = ((await res.json()) as { items: Item[] }).items;
      if (feed.length >= feedPage && feed.every((i) => i.thumbnailUrl)) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    let feedBytes = 0;
    for (const item of feed) feedBytes += await bytesOf(item.thumbnailUrl!);
    rows.push(
      row({
        id: '18',
        name: `Feed first view at 1280 px, ${feed.length} ${megapixels} items`,
        ratioOf: 'MB of images loaded',
        value: feedBytes / MB,
        target: { op: '<=', bound: 1.5 },
        figures: { withPlaceholder: feed.filter((i) => i.placeholder).length, items: feed.length },
      }),
    );

    const idle = await startBuiltServer({ ...database.env, RENDITION_CONCURRENCY: '0' });
    try {
      const other = await signUp(idle.url);
      const withoutWorker = await timeRuns(vaultPage, () => upload(idle.url, other.cookie, input, 'photo.jpg'));
      rows.push(
        row({
          id: '19',
          name: `Upload of a ${megapixels} JPEG with renditions`,
          ratioOf: 'upload p50 with the rendition worker / without',
          value: median(withWorker) / median(withoutWorker),
          target: { op: '<=', bound: 1.3 },
          figures: { withMs: median(withWorker), withoutMs: median(withoutWorker), runs: vaultPage },
        }),
      );
    } finally {
      await idle.stop();
    }
    return rows;
  } finally {
    await server.stop();
    await database.drop();
  }
};
