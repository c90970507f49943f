import { describe, expect, it } from 'vitest';
import { MEDIA_MIME_TYPES, MEDIA_SOURCES } from './common';
import { isWatermarkedOnShare } from './watermark-policy';

describe('the watermark policy', () => {
  it('marks user uploads of JPEG, PNG and WebP, and nothing else', () => {
    const marked = MEDIA_SOURCES.flatMap((source) =>
      MEDIA_MIME_TYPES.filter((mimeType) => isWatermarkedOnShare({ source, mimeType })).map(
        (mimeType) => `${source} ${mimeType}`,
      ),
    );
    expect(marked).toEqual(['upload image/jpeg', 'upload image/png', 'upload image/webp']);
  });
});
