/** Sizes for a full run and for `--smoke` (under a minute, so CI can run it every time). */
export interface Settings {
  smoke: boolean;
  photo: { width: number; height: number };
  runs: number;
  /** Seconds each throughput measurement runs. */
  loadSeconds: number;
  connections: number;
  feedRows: number;
  largeFileBytes: number;
  /** Generated hostile requests (row 20), after a warm-up of `hostileWarmup`. */
  hostileCases: number;
  hostileWarmup: number;
}

export const settingsFor = (smoke: boolean): Settings =>
  smoke
    ? {
        smoke,
        photo: { width: 1200, height: 900 },
        runs: 2,
        loadSeconds: 2,
        connections: 8,
        feedRows: 20_000,
        largeFileBytes: 32 * 1024 ** 2,
        hostileCases: 1000,
        hostileWarmup: 200,
      }
    : {
        smoke,
        photo: { width: 4000, height: 3000 },
        runs: 6,
        loadSeconds: 10,
        connections: 32,
        feedRows: 1_000_000,
        largeFileBytes: 1024 ** 3,
        hostileCases: 100_000,
        hostileWarmup: 2000,
      };
