import type { CSSProperties } from 'react';
import { placeholderUrl } from '../lib/placeholder';

interface RenditionImageProps {
  thumbnailUrl: string;
  previewUrl: string | null;
  placeholder: string | null;
  alt: string;
  /** How wide the image is drawn, for the browser's choice between thumbnail and preview. */
  sizes: string;
  width?: number | null;
  height?: number | null;
}

/**
 * A grid image from the renditions: the 480 px thumbnail, the 2048 px preview for wide or dense
 * screens, and the ThumbHash painted underneath, so the card shows the picture's colours at once.
 */
export const RenditionImage = ({ thumbnailUrl, previewUrl, placeholder, alt, sizes, width, height }: RenditionImageProps) => {
  const blur = placeholderUrl(placeholder);
  const style: CSSProperties | undefined = blur
    ? { backgroundImage: `url("${blur}")`, backgroundSize: 'cover', backgroundPosition: 'center' }
    : undefined;
  return (
    <img
      src={thumbnailUrl}
      srcSet={previewUrl ? `${thumbnailUrl} 480w, ${previewUrl} 2048w` : undefined}
      sizes={previewUrl ? sizes : undefined}
      alt={alt}
      width={width ?? undefined}
      height={height ?? undefined}
      loading="lazy"
      decoding="async"
      style={style}
      data-placeholder={blur ? '' : undefined}
    />
  );
};
