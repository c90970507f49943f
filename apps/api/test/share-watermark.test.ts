import { BUCKETS } from '@mediashare/core';
import sharp from 'sharp';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, fileForm, uploadFile, type TestUser } from './support/factories';
import { readFixture } from './support/fixtures';
import { createHarness, INTERNAL_TOKEN, type Harness } from './support/harness';
import { call } from './support/http';
import { share, shareState } from './support/share';

let h: Harness;
let owner: TestUser;
beforeAll(async () => {
  h = await createHarness({
    env: { INTERNAL_API_TOKEN: INTERNAL_TOKEN, WATERMARK_SCALE: '0.3', WATERMARK_POSITION: 'southeast' },
  });
  owner = await createUser(h.app);
});
afterAll(() => h.close());

const XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about=""/></rdf:RDF></x:xmpmeta>';

/** 400x300, blue, with camera EXIF, a GPS position and XMP: everything a public copy must drop. */
const source = async (format: 'jpeg' | 'png' | 'webp' | 'gif') => {
  const base = sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 30, g: 120, b: 200 } } });
  if (format === 'gif') return base.gif().toBuffer();
  return base
    .withExif({ IFD0: { Make: 'Camera Co' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
    .withXmp(XMP)
    .toFormat(format)
    .toBuffer();
};

const addMedia = async (src: 'upload' | 'smart-caption' | 'babecock' | 'hypnococks', bytes: Buffer, name: string) => {
  if (src === 'upload') return (await uploadFile(h.app, owner, bytes, name)).body as { id: number };
  const res = await call(h.app, `/api/internal/users/${owner.id}/generated/${src}`, {
    method: 'POST',
    body: fileForm(bytes, name),
    headers: { authorization: `Bearer ${INTERNAL_TOKEN}` },
  });
  return res.body as { id: number };
};

const rgb = async (bytes: Buffer) => sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
const meanDiff = (a: Buffer, b: Buffer, width: number, left: number, top: number, w: number, h: number) => {
  let sum = 0;
  for (let y = top; y < top + h; y++)
    for (let x = left; x < left + w; x++)
      for (let c = 0; c < 3; c++) sum += Math.abs((a[(y * width + x) * 3 + c] ?? 0) - (b[(y * width + x) * 3 + c] ?? 0));
  return sum / (w * h * 3);
};

const SOURCES = ['upload', 'smart-caption', 'babecock', 'hypnococks'] as const;
const TYPES = ['jpeg', 'png', 'webp', 'gif', 'mp4'] as const;
const cases = SOURCES.flatMap((src) =>
  TYPES.map((type) => [src, type, src === 'upload' && ['jpeg', 'png', 'webp'].includes(type)] as const),
);

describe('the community copy: watermarked, or byte for byte', () => {
  it.each(cases)('%s %s -> watermarked: %s', async (src, type, watermarked) => {
    const original = type === 'mp4' ? readFixture('clip.mp4') : await source(type);
    const item = await addMedia(src, original, `sample.${type === 'jpeg' ? 'jpg' : type}`);
    const res = await share(h, owner, item.id, { tags: ['night'], policyAgreed: true });
    expect(res.status).toBe(200);
    const [row] = (await shareState(h, item.id)).community;
    expect(row?.watermarked).toBe(watermarked);
    const copy = await buffer((await h.deps.storage.get(BUCKETS.general, row?.filePath ?? '')).stream);

    if (!watermarked) {
      expect(copy.equals(original)).toBe(true);
      return;
    }
    expect((await sharp(copy).metadata()).format).toBe(type);
    const before = await rgb(original);
    const after = await rgb(copy);
    // The mark sits in the south-east corner: 30% of the width, 3% margin.
    expect(meanDiff(before.data, after.data, 400, 400 - 100 - 9, 300 - 36 - 9, 100, 30)).toBeGreaterThan(15);
    expect(meanDiff(before.data, after.data, 400, 10, 10, 150, 120)).toBeLessThan(2);
    const meta = await sharp(copy).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
  });

  it('applies EXIF orientation 6 before marking: the public copy is upright', async () => {
    const stored = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#ffffff' } })
      .composite([{ input: { create: { width: 60, height: 60, channels: 3, background: '#ff0000' } }, left: 0, top: 0 }])
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const item = await addMedia('upload', stored, 'rotated.jpg');
    expect(item).toMatchObject({ width: 300, height: 400 });
    const res = await share(h, owner, item.id, { tags: ['night'], policyAgreed: true });
    const [row] = (await shareState(h, item.id)).community;
    expect(row).toMatchObject({ width: 300, height: 400 });
    const copy = await buffer((await h.deps.storage.get(BUCKETS.general, row?.filePath ?? '')).stream);
    const meta = await sharp(copy).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([300, 400, undefined]);
    const { data, info } = await sharp(copy).raw().toBuffer({ resolveWithObject: true });
    const red = (x: number, y: number) =>
      (data[(y * info.width + x) * 3] ?? 0) > 200 && (data[(y * info.width + x) * 3 + 1] ?? 255) < 80;
    expect(red(info.width - 20, 20)).toBe(true);
    expect(red(20, 20)).toBe(false);
    expect(res.status).toBe(200);
  });
});
