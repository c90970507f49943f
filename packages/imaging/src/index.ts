export { createImaging, type Imaging, type ImagingOptions } from './imaging';
export { createWatermarker, type WatermarkOptions, type Watermarker } from './watermark';
export { placeMark, POSITIONS, type WatermarkPosition } from './placement';
export { blockUnneededLoaders } from './loaders';
export { findVideoTools } from './video';
export { pHashOfGrey, perceptualHashOf } from './perceptual-hash';
// For benchmarks and the calibration test: the engines the image service runs, usable in-process.
export { createEngine, type EngineSettings } from './engine';
export { makeRenditions, hashImage } from './renditions';
export { stripMetadata } from './strip';
export { prepareMark, type PreparedMark } from './mark';
