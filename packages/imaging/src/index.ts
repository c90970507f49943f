export { createWatermarker, type WatermarkOptions, type Watermarker } from './watermark';
export { placeMark, POSITIONS, type WatermarkPosition } from './placement';
export { blockUnneededLoaders } from './loaders';
// For benchmarks: the engine the image service runs, usable in-process.
export { createEngine, type EngineSettings } from './engine';
export { prepareMark, type PreparedMark } from './mark';
