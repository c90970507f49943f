import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system, every thread) this process has used. */
export const ownCpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

const childrenOf = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

/** CPU seconds a process and its descendants (the image service) have used, from /proc. */
export const cpuSecondsOf = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const own = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  return own / TICKS_PER_SECOND + childrenOf(pid).reduce((sum, child) => sum + cpuSecondsOf(child), 0);
};

/**
 * CPU seconds of this process (to the microsecond) and of its descendants (the image service, to the
 * clock tick): what one run of in-process work costs is often under a tick.
 */
export const cpuSecondsWithChildren = (): number =>
  ownCpuSeconds() + childrenOf(process.pid).reduce((sum, child) => sum + cpuSecondsOf(child), 0);

export const rssOf = (pid: number): number =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

/** Samples a process's resident memory every few milliseconds and keeps the peak. */
export const sampleRss = (pid: number, everyMs = 10) => {
  let peak = rssOf(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssOf(pid));
    } catch {
      // the process ended
    }
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
};

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

export const median = (values: number[]) => percentile(values, 50);

/** Runs `fn` `runs` times after one warm-up and returns each run's wall time in milliseconds. */
export const timeRuns = async (runs: number, fn: () => Promise<unknown>) => {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
};

/** CPU seconds this process spends per run of `fn`, after a warm-up. */
export const cpuPerRun = async (runs: number, fn: () => Promise<unknown>) => {
  await fn();
  const start = ownCpuSeconds();
  for (let i = 0; i < runs; i++) await fn();
  return (ownCpuSeconds() - start) / runs;
};

export const MB = 1024 ** 2;
