/**
 * At most `max` jobs at once; the rest wait in order. Image work is CPU-bound: past one job per core,
 * more parallelism only adds queueing inside libvips and memory for every decoded image in flight.
 */
export const createLimit = (max: number) => {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active -= 1;
    waiting.shift()?.();
  };
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await job();
    } finally {
      release();
    }
  };
};
