import { createImaging, type Imaging, type ImagingOptions } from './imaging';

export type WatermarkOptions = ImagingOptions;
export type Watermarker = Imaging;

/** The watermark is one of the imaging port's jobs; this name stays for the API's bootstrap. */
export const createWatermarker = (options: WatermarkOptions): Promise<Watermarker> => createImaging(options);
