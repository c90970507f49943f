import { getCommunityItem } from '../community/get-community-item';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { isAppError } from '../errors/app-error';
import { communityItemUrl, PAGES, profileUrl, shareUrlFor } from '../schemas/pages';
import type { TOEmbed, TOEmbedQuery } from '../schemas/oembed';
import { ZCommunityId } from '../schemas/ids';
import { getSharedMedia } from '../share/get-shared-media';
import { embedRefusal, type EmbedTarget } from './embed-policy';

const COMMUNITY_PATH = new RegExp(`^${PAGES.communityItem.replace(':id', '(\\d{1,10})')}/?$`);
const SHARE_PATH = new RegExp(`^${PAGES.sharedMedia.replace(':code', '([A-Za-z0-9_-]{16,64})')}/?$`);
// What a consumer may keep an answer: an unpublished item must stop showing within the hour.
const CACHE_AGE_SECONDS = 3600;
// Previews are at most this wide or high (renditions); an unknown size is shown as a square of it.
const PREVIEW_EDGE = 2048;

/** Which page of this instance a URL names; anything else has no embed here. */
const targetOf = async (deps: Pick<CoreDeps, 'db' | 'storage' | 'now'>, url: string, publicUrl: string): Promise<EmbedTarget> => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw ERRORS.embedNotFound();
  }
  if (parsed.origin !== new URL(publicUrl).origin) throw ERRORS.embedNotFound();
  try {
    const id = COMMUNITY_PATH.exec(parsed.pathname)?.[1];
    if (id !== undefined) {
      const checked = ZCommunityId.safeParse(Number(id));
      if (!checked.success) throw ERRORS.embedNotFound();
      return { kind: 'community', item: await getCommunityItem(deps, checked.data) };
    }
    const code = SHARE_PATH.exec(parsed.pathname)?.[1];
    // Looked at without counting a view; a link behind a password, expired or used up throws here.
    if (code !== undefined) return { kind: 'share', media: await getSharedMedia(deps, code, null, 'peek') };
  } catch (error) {
    // Retired, locked, expired or used-up links and removed items have no embed, like addresses that never
    // had one: nothing about them is told to another site.
    if (isAppError(error) && [401, 404, 410].includes(error.status)) throw ERRORS.embedNotFound();
    throw error;
  }
  throw ERRORS.embedNotFound();
};

/** Fits (width, height) inside the consumer's limits, keeping the shape; never enlarges. */
const fit = (width: number, height: number, maxwidth?: number, maxheight?: number) => {
  const scale = Math.min(1, maxwidth ? maxwidth / width : 1, maxheight ? maxheight / height : 1);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
};

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

/** oEmbed 1.0 for a community permalink or a share URL: `photo` for images and GIFs, `video` with a player. */
export const getOEmbed = async (
  deps: Pick<CoreDeps, 'db' | 'storage' | 'now'>,
  { url, format, maxwidth, maxheight }: TOEmbedQuery,
  publicUrl: string,
): Promise<TOEmbed> => {
  if (format !== undefined && format !== 'json') throw ERRORS.embedFormatNotImplemented();
  const target = await targetOf(deps, url, publicUrl);
  if (embedRefusal(target) !== null) throw ERRORS.embedNotFound();
  const absolute = (path: string) => (/^https?:\/\//.test(path) ? path : `${publicUrl}${path}`);

  const facts =
    target.kind === 'community'
      ? {
          kind: target.item.kind,
          width: target.item.width,
          height: target.item.height,
          fileUrl: target.item.url,
          previewUrl: target.item.previewUrl,
          thumbnailUrl: target.item.thumbnailUrl,
          title: target.item.title ?? `Shared by @${target.item.owner.username}`,
          author: { author_name: target.item.owner.username, author_url: absolute(profileUrl(target.item.owner.username)) },
          page: communityItemUrl(target.item.id),
        }
      : {
          kind: target.media.kind,
          width: target.media.width,
          height: target.media.height,
          fileUrl: target.media.fileUrl,
          previewUrl: target.media.previewUrl,
          thumbnailUrl: target.media.thumbnailUrl,
          // A share link tells nothing about its owner.
          title: 'A shared item on mediashare',
          author: {},
          page: shareUrlFor(target.media.shareCode),
        };
  const full = facts.width && facts.height ? fit(facts.width, facts.height, PREVIEW_EDGE, PREVIEW_EDGE) : null;
  const size = fit(full?.width ?? PREVIEW_EDGE, full?.height ?? PREVIEW_EDGE, maxwidth, maxheight);
  const common = {
    version: '1.0' as const,
    provider_name: 'mediashare',
    provider_url: `${publicUrl}/`,
    title: facts.title,
    ...facts.author,
    cache_age: CACHE_AGE_SECONDS,
    ...(facts.thumbnailUrl ? { thumbnail_url: absolute(facts.thumbnailUrl) } : {}),
  };
  if (facts.kind !== 'video') {
    // The picture is the public preview, never the original; an animation may be its own preview.
    return { ...common, type: 'photo', url: absolute(facts.previewUrl ?? facts.fileUrl), ...size };
  }
  const poster = facts.previewUrl ? ` poster="${escapeHtml(absolute(facts.previewUrl))}"` : '';
  const html = `<video src="${escapeHtml(absolute(facts.fileUrl))}"${poster} width="${size.width}" height="${size.height}" controls playsinline preload="metadata" title="${escapeHtml(facts.title)}"></video>`;
  return { ...common, type: 'video', html, ...size };
};

/** The discovery link a page carries, or null when the page has no embed. */
export const oEmbedDiscoveryUrl = (publicUrl: string, pagePath: string, target: EmbedTarget): string | null =>
  embedRefusal(target) === null
    ? `${publicUrl}/api/oembed?${new URLSearchParams({ url: `${publicUrl}${pagePath}`, format: 'json' }).toString()}`
    : null;
