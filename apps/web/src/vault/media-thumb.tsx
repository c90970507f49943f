import { mediaKindOf, type TMediaItem } from '@mediashare/core/schemas';

/**
 * The vault's square thumbnail. Videos have no poster on the server, so the browser fetches just the
 * metadata and the first frame (`#t=0.1` makes it paint that frame instead of a blank box).
 */
export const MediaThumb = ({ item }: { item: TMediaItem }) => {
  const src = `/api/user/media/${item.id}/file`;
  const kind = mediaKindOf(item.mimeType);
  return (
    <div className="thumb">
      {kind === 'video' ? (
        <video src={`${src}#t=0.1`} preload="metadata" muted playsInline tabIndex={-1} aria-hidden="true" />
      ) : (
        <img src={src} alt="" width={item.width ?? undefined} height={item.height ?? undefined} loading="lazy" decoding="async" />
      )}
      {kind !== 'image' && <span className="thumb__kind">{kind === 'gif' ? 'GIF' : 'Video'}</span>}
    </div>
  );
};
