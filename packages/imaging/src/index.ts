export { createWatermarker, type WatermarkOptions, type Watermarker } from './watermark';
export { placeMark, POSITIONS, type WatermarkPosition } from './placement';
export { blockUnneededLoaders } from './loaders';
