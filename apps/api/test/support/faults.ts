import {
  DatabaseUnavailableError,
  LockTimeoutError,
  StorageError,
  type DatabasePort,
  type Repos,
  type StoragePort,
} from '@mediashare/core';

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
    ping: async () => {
      tick(counter, 'ping', failure);
      return inner.ping();
    },
    close: () => inner.close(),
  };
};

/**
 * Storage and database wrappers that fail the next call of a named operation once armed, for tests
 * that need one particular failure (a 500, a 503) at one particular moment; `down` makes every call of
 * one side fail as an outage does until it is called again with null.
 */
export const armable = (storage: StoragePort, database: DatabasePort) => {
  const armed = new Map<string, 'failure' | 'outage'>();
  let isDown: 'storage' | 'database' | null = null;
  const failing = new Set<string>();
  let repoCalls = 0;
  const outage = (name: string) =>
    name.startsWith('storage.')
      ? new StorageError('storage is down')
      : new DatabaseUnavailableError({ cause: new Error('down') });
  const trip = (name: string, make: () => Error) => {
    if (isDown && name.startsWith('storage.') === (isDown === 'storage')) throw outage(name);
    if (failing.has(name)) throw make();
    const kind = armed.get(name);
    if (!kind) return;
    armed.delete(name);
    throw kind === 'outage' ? outage(name) : make();
  };
  const wrappedStorage: StoragePort = {
    ...storage,
    publicUrl: storage.publicUrl.bind(storage),
    put: async (...args) => (trip('storage.put', () => new StorageError('armed failure')), storage.put(...args)),
    get: async (...args) => (trip('storage.get', () => new StorageError('armed failure')), storage.get(...args)),
    stat: async (...args) => (trip('storage.stat', () => new StorageError('armed failure')), storage.stat(...args)),
    delete: async (...args) => (trip('storage.delete', () => new StorageError('armed failure')), storage.delete(...args)),
    copy: async (...args) => (trip('storage.copy', () => new StorageError('armed failure')), storage.copy(...args)),
  };
  const wrapRepos = (repos: Repos): Repos =>
    new Proxy(repos, {
      get: (target, repoName: string) => {
        const repo = target[repoName as keyof Repos] as unknown;
        if (typeof repo !== 'object' || repo === null) return repo;
        return new Proxy(repo, {
          get: (repo, method: string) => {
            const fn = (repo as Record<string, unknown>)[method];
            if (typeof fn !== 'function') return fn;
            return (...args: unknown[]) => {
              repoCalls += 1;
              trip(`${repoName}.${method}`, () => new Error(`armed database failure at ${repoName}.${method}`));
              return (fn as (...a: unknown[]) => unknown).apply(repo, args);
            };
          },
        });
      },
    });
  const wrappedDatabase: DatabasePort = {
    ...wrapRepos(database),
    transaction: (fn) => database.transaction((tx) => fn(wrapRepos(tx))),
    withMediaLock: async (mediaId, timeout, fn) => {
      trip('lock', () => new LockTimeoutError());
      return database.withMediaLock(mediaId, timeout, (tx) => fn(wrapRepos(tx)));
    },
    runExclusive: async (job, fn) => (trip('runExclusive', () => new Error('armed failure')), database.runExclusive(job, fn)),
    ping: async () => (trip('ping', () => new Error('armed database failure at ping')), database.ping()),
    close: () => database.close(),
  };
  return {
    storage: wrappedStorage,
    database: wrappedDatabase,
    /** The next call of `name` fails: with its own error, or as an outage (storage or database unavailable). */
    failNext: (name: string, kind: 'failure' | 'outage' = 'failure') => armed.set(name, kind),
    down: (side: 'storage' | 'database' | null) => (isDown = side),
    /** Every call of `name` fails with its own error until `isFailing` is false again. */
    failEvery: (name: string, isFailing = true) => void (isFailing ? failing.add(name) : failing.delete(name)),
    /** How many repository methods have been called so far. */
    repoCalls: () => repoCalls,
  };
};
