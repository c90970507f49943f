import { trpc } from '../trpc';

/** The server's configured limits. They change only with a restart, so one fetch per visit is enough. */
export const useLimits = () => trpc.config.get.useQuery(undefined, { staleTime: Infinity });
