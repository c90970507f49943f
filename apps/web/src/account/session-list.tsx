import { errorMessage } from '../lib/errors';
import { formatDateTime, formatTimeAgo } from '../lib/format';
import { trpc } from '../trpc';
import { QueryState } from '../ui/query-state';

/** Where the account is signed in; any other session can be ended, or all of them at once. */
export const SessionList = () => {
  const utils = trpc.useUtils();
  const sessions = trpc.auth.sessions.useQuery();
  const refresh = () => void utils.auth.sessions.invalidate();
  const end = trpc.auth.endSession.useMutation({ onSuccess: refresh });
  const endOthers = trpc.auth.endOtherSessions.useMutation({ onSuccess: refresh });
  const now = Date.now();
  const others = sessions.data?.filter((s) => !s.current).length ?? 0;
  return (
    <>
      <QueryState query={sessions} loading="Loading your sessions…" failed="Could not load your sessions" />
      {sessions.data && (
        <ul className="session-list" aria-label="Your sessions">
          {sessions.data.map((session) => (
            <li key={session.id} className="session-row">
              <span className="session-row__device">{session.device}</span>
              {session.current ? (
                <span className="badge badge--link">This browser</span>
              ) : (
                <button
                  type="button"
                  className="button button--small button--quiet button--danger-text"
                  onClick={() => end.mutate({ id: session.id })}
                  disabled={end.isPending}
                  aria-label={`Sign out ${session.device}`}
                >
                  Sign out
                </button>
              )}
              <span className="session-row__meta">
                Last seen{' '}
                <time dateTime={session.lastSeenAt} title={formatDateTime(session.lastSeenAt)}>
                  {formatTimeAgo(session.lastSeenAt, now)}
                </time>
              </span>
            </li>
          ))}
        </ul>
      )}
      {(end.error || endOthers.error) && (
        <p className="alert" role="alert">
          {errorMessage(end.error ?? endOthers.error)}
        </p>
      )}
      {endOthers.isSuccess && <p role="status">Signed out of {endOthers.data.ended} other sessions.</p>}
      <button type="button" className="button" onClick={() => endOthers.mutate()} disabled={endOthers.isPending || others === 0}>
        {endOthers.isPending ? 'Signing out…' : 'Sign out everywhere else'}
      </button>
    </>
  );
};
