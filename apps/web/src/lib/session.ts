import { useQueryClient } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { useLocation } from 'wouter';
import { trpc } from '../trpc';

/** The signed-in user, or null. `auth.me` answers null rather than 401, so this never errors on "nobody". */
export const useSession = () => {
  const me = trpc.auth.me.useQuery(undefined, { staleTime: Infinity });
  return { user: me.data ?? null, isLoading: me.isLoading, error: me.error };
};

export const useSignOut = () => {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  return trpc.auth.logout.useMutation({
    onSuccess: () => {
      // Someone else may sign in next on this tab: nothing of this user's vault may linger in the cache.
      queryClient.removeQueries({ queryKey: getQueryKey(trpc.media) });
      queryClient.removeQueries({ queryKey: getQueryKey(trpc.tokens) });
      // My posts carries views only its owner may see.
      queryClient.removeQueries({ queryKey: getQueryKey(trpc.community.mine) });
      utils.auth.me.setData(undefined, null);
      navigate('/');
    },
  });
};
