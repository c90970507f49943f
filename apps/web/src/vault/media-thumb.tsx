import { mediaKindOf, type TMediaItem } from '@mediashare/core/schemas';
import { formatDuration } from '../lib/placeholder';
import { RenditionImage } from '../ui/rendition-image';

/** Grid cells are about 200 px wide on a phone (two columns) and 240 px on wider screens. */
export const GRID_SIZES = '(max-width: 600px) 50vw, 240px';

/**
 * The vault's square thumbnail: the item's 480 px rendition (a video's poster) over its placeholder.
 * While renditions are pending, or when none could be made, the original stands in: an image itself,
 * a video's first frame (`#t=0.1` makes the browser paint it instead of a blank box).
 */
export const MediaThumb = ({ item }: { item: TMediaItem }) => {
  const src = `/api/user/media/${item.id}/file`;
  const kind = mediaKindOf(item.mimeType);
  return (
    <div className="thumb">
      {item.thumbnailUrl ? (
        <RenditionImage
          thumbnailUrl={item.thumbnailUrl}
          previewUrl={item.previewUrl}
          placeholder={item.placeholder}
          alt=""
          sizes={GRID_SIZES}
          width={item.width}
          height={item.height}
        />
      ) : kind === 'video' ? (
        <video src={`${src}#t=0.1`} preload="metadata" muted playsInline tabIndex={-1} aria-hidden="true" />
      ) : (
        <img src={src} alt="" width={item.width ?? undefined} height={item.height ?? undefined} loading="lazy" decoding="async" />
      )}
      {kind !== 'image' && (
        <span className="thumb__kind">
          {kind === 'gif' ? 'GIF' : item.durationMs !== null ? formatDuration(item.durationMs) : 'Video'}
        </span>
      )}
    </div>
  );
};
