import type { StoragePort } from '@mediashare/core';

/**
 * Lets a backup stop storage deletes for a moment. Every delete in this product comes after the row
 * that pointed at the object is gone (its intent recorded with it), so once the deletes already under
 * way have finished, a database dump taken under the hold references only objects that are still there
 * and stay there until the hold ends. Deletes asked for meanwhile wait; nothing is refused or lost.
 */
export const createDeleteHold = (storage: StoragePort) => {
  let held: Promise<void> | null = null;
  let running = 0;
  let waiting = 0;
  let drained: (() => void) | null = null;

  const remove: StoragePort['delete'] = async (bucket, key) => {
    while (held) {
      waiting += 1;
      await held.finally(() => (waiting -= 1));
    }
    running += 1;
    try {
      await storage.delete(bucket, key);
    } finally {
      running -= 1;
      if (running === 0) drained?.();
    }
  };

  const wrapped = new Proxy(storage, {
    get(target, property) {
      if (property === 'delete') return remove;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

  return {
    storage: wrapped,
    /** Deletes waiting for the hold to end. */
    get waiting() {
      return waiting;
    },
    /** Runs `fn` with no storage delete in progress, and none starting until it settles. One hold at a time. */
    async run<T>(fn: () => Promise<T>): Promise<T> {
      if (held) throw new Error('storage deletes are already held');
      let release!: () => void;
      held = new Promise<void>((resolve) => (release = resolve));
      try {
        if (running > 0) await new Promise<void>((resolve) => (drained = resolve));
        drained = null;
        return await fn();
      } finally {
        held = null;
        release();
      }
    },
  };
};

export type DeleteHold = ReturnType<typeof createDeleteHold>;
