import sharp from 'sharp';

/**
 * libvips can decode far more than the product accepts. Everything but JPEG, PNG, WebP and GIF is
 * blocked process-wide, so bytes that slipped past sniffing still never reach a risky decoder
 * (SVG and PDF renderers, TIFF, HEIF, ImageMagick, ...).
 */
const BLOCKED = [
  'VipsForeignLoadSvg',
  'VipsForeignLoadPdf',
  'VipsForeignLoadHeif',
  'VipsForeignLoadTiff',
  'VipsForeignLoadJp2k',
  'VipsForeignLoadJxl',
  'VipsForeignLoadMagick',
  'VipsForeignLoadFits',
  'VipsForeignLoadMat',
  'VipsForeignLoadNifti',
  'VipsForeignLoadOpenexr',
  'VipsForeignLoadOpenslide',
  'VipsForeignLoadPpm',
  'VipsForeignLoadRad',
  'VipsForeignLoadCsv',
  'VipsForeignLoadMatrix',
  'VipsForeignLoadAnalyze',
  'VipsForeignLoadVips',
];

let blocked = false;

export const blockUnneededLoaders = () => {
  if (blocked) return;
  sharp.block({ operation: BLOCKED });
  blocked = true;
};
