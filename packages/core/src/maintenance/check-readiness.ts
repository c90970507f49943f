import type { CoreDeps } from '../deps';
import { BUCKETS } from '../ports/storage';

export type TDependencyState = 'ok' | 'unavailable';

export interface Readiness {
  status: 'ready' | 'unavailable';
  database: TDependencyState;
  storage: TDependencyState;
}

/** The answer comes within this, whatever the dependencies do: load balancers give up soon after. */
export const READINESS_TIMEOUT_MS = 2000;

/** Not an object anyone writes: asking for it proves the bucket answers (a missing object is an answer). */
const PROBE_KEY = 'readyz-probe';

const probe = async (check: () => Promise<unknown>, deadline: Promise<'late'>): Promise<TDependencyState> => {
  const outcome = await Promise.race([
    check().then(
      () => 'ok' as const,
      () => 'unavailable' as const,
    ),
    deadline,
  ]);
  return outcome === 'ok' ? 'ok' : 'unavailable';
};

/**
 * Readiness: the database and storage both answer, both asked at once, the whole answer within
 * `timeoutMs`. A dependency that has not answered by then counts as unavailable.
 */
export const checkReadiness = async (
  { db, storage }: Pick<CoreDeps, 'db' | 'storage'>,
  { timeoutMs = READINESS_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<Readiness> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
  try {
    const [database, files] = await Promise.all([
      probe(() => db.ping(), deadline),
      probe(() => storage.stat(BUCKETS.general, PROBE_KEY), deadline),
    ]);
    return { status: database === 'ok' && files === 'ok' ? 'ready' : 'unavailable', database, storage: files };
  } finally {
    clearTimeout(timer);
  }
};
