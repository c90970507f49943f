import { StorageError, type DatabasePort, type Repos, type StoragePort } from '@mediashare/core';

/** Counts calls and throws on the `failAt`-th one; `calls` tells how many a clean run makes. */
export interface FaultCounter {
  calls: number;
  failAt: number;
  failed: string | undefined;
}

const tick = (counter: FaultCounter, label: string, make: (label: string) => Error) => {
  counter.calls += 1;
  if (counter.calls === counter.failAt) {
    counter.failed = label;
    throw make(label);
  }
};

/** A storage driver that fails its Nth call, like a store that goes away mid-flow. */
export const failingStorage = (inner: StoragePort, counter: FaultCounter): StoragePort => {
  const wrap =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A) => {
      tick(counter, `storage.${name}`, (label) => new StorageError(`injected failure at ${label}`));
      return fn(...args);
    };
  return {
    put: wrap('put', inner.put.bind(inner)),
    get: wrap('get', inner.get.bind(inner)),
    stat: wrap('stat', inner.stat.bind(inner)),
    delete: wrap('delete', inner.delete.bind(inner)),
    copy: wrap('copy', inner.copy.bind(inner)),
    publicUrl: inner.publicUrl.bind(inner),
  };
};

/**
 * A database that fails its Nth repository call, inside transactions too (which then roll back, as
 * they would when a connection drops mid-transaction). Repositories named in `spare` never fail.
 */
export const failingDatabase = (inner: DatabasePort, counter: FaultCounter, { spare = [] as string[] } = {}): DatabasePort => {
  const failure = (label: string) => new Error(`injected database failure at ${label}`);
  const wrapRepos = (repos: Repos): Repos =>
    Object.fromEntries(
      Object.entries(repos).map(([repoName, repo]) => [
        repoName,
        Object.fromEntries(
          Object.entries(repo as Record<string, unknown>).map(([method, fn]) => [
            method,
            typeof fn === 'function' && !spare.includes(repoName)
              ? async (...args: unknown[]) => {
                  tick(counter, `${repoName}.${method}`, failure);
                  return (fn as (...a: unknown[]) => unknown).apply(repo, args);
                }
              : fn,
          ]),
        ),
      ]),
    ) as unknown as Repos;
  return {
    ...wrapRepos(inner),
    transaction: (fn) => inner.transaction((tx) => fn(wrapRepos(tx))),
    withMediaLock: async (mediaId, timeout, fn) => {
      tick(counter, 'withMediaLock', failure);
      return inner.withMediaLock(mediaId, timeout, (tx) => fn(wrapRepos(tx)));
    },
    runExclusive: (job, fn) => inner.runExclusive(job, fn),
    close: () => inner.close(),
  };
};
