import { Link } from 'wouter';
import { trpc } from '../trpc';
import { QueryState } from '../ui/query-state';
import { useDocumentTitle } from '../ui/use-document-title';
import '../styles/moderation.css';

/** `/admin/log`: every moderation action, newest first; read-only. */
export const ModerationLogPage = () => {
  useDocumentTitle('Moderation log');
  const log = trpc.moderation.log.useQuery({ limit: 200 }, { retry: false });
  return (
    <main className="page admin-page">
      <header className="admin-page__header">
        <h1>Moderation log</h1>
        <Link href="/admin">Queue</Link>
      </header>
      <QueryState query={log} loading="Loading the log…" failed="Could not load the log" />
      {log.data && (
        <table className="moderation-log">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>Action</th>
              <th>Target</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {log.data.entries.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.createdAt).toLocaleString()}</td>
                <td>{e.actor ? `@${e.actor.username}` : 'automatic'}</td>
                <td>{e.action}</td>
                <td>
                  {/* Tags are known by their slug; ids mean nothing to a reader. */}
                  {e.targetKind} {e.targetKind === 'tag' && typeof e.details.slug === 'string' ? e.details.slug : e.targetId}
                  {typeof e.details.into === 'string' && ` → ${e.details.into}`}
                </td>
                <td>{e.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
};
