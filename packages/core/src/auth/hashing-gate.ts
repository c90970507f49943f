import { ERRORS } from '../errors';
import { addressKey } from './sign-in-budget';

/**
 * Bounds the password hashing one client address can have this process do at once: a flood of sign-ins
 * or registrations from one address waits behind its own lane and cannot hold the hashing threads that
 * everyone else's sign-in needs. Hashing is CPU in this process, so the bound is per process.
 */
export interface HashingGate {
  run<T>(address: string, work: () => Promise<T>): Promise<T>;
  /** The most hashes one address has had running at once since the process started. */
  peak(): number;
}

/** Up to `perAddress` hashes run; four times as many may wait; any more are refused with 429. */
export const createHashingGate = ({ perAddress }: { perAddress: number }): HashingGate => {
  const lanes = new Map<string, { running: number; waiting: (() => void)[] }>();
  let peak = 0;
  return {
    peak: () => peak,
    async run(address, work) {
      const key = addressKey(address);
      let lane = lanes.get(key);
      if (!lane) lanes.set(key, (lane = { running: 0, waiting: [] }));
      const own = lane;
      if (own.running < perAddress) {
        own.running += 1;
      } else {
        if (own.waiting.length >= perAddress * 4) throw ERRORS.hashingBusy();
        // The hash that finishes hands its place over directly, so `running` never drops in between.
        await new Promise<void>((resolve) => own.waiting.push(resolve));
      }
      peak = Math.max(peak, own.running);
      try {
        return await work();
      } finally {
        const next = own.waiting.shift();
        if (next) next();
        else if (--own.running === 0) lanes.delete(key);
      }
    },
  };
};
