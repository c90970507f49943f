import type { ReactNode } from 'react';
import { errorMessage } from '../lib/errors';
import { PageState } from './page-state';

interface QueryLike {
  isLoading: boolean;
  isSuccess: boolean;
  error: unknown;
  refetch: () => unknown;
}

interface QueryStateProps {
  query: QueryLike;
  /** Shown while the first answer is on its way. */
  loading: string;
  /** The title when the query failed; the API's own message follows, with a way to try again. */
  failed: string;
  /** What to say when the answer has nothing in it (`when`). */
  empty?: { when: boolean; title: string; children?: ReactNode; action?: { label: string; onClick: () => void } | undefined };
}

/**
 * A page's query while it has nothing to show: loading, failed, or answered with nothing. Every page says
 * these the same way; once there is something to show it renders nothing and the page shows it.
 */
export const QueryState = ({ query, loading, failed, empty }: QueryStateProps) => {
  if (query.isLoading) return <PageState kind="loading" title={loading} />;
  if (query.error) {
    return (
      <PageState kind="error" title={failed} action={{ label: 'Try again', onClick: () => void query.refetch() }}>
        {errorMessage(query.error)}
      </PageState>
    );
  }
  if (query.isSuccess && empty?.when) {
    return (
      <PageState kind="empty" title={empty.title} action={empty.action}>
        {empty.children}
      </PageState>
    );
  }
  return null;
};
