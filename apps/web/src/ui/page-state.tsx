import type { ReactNode } from 'react';

interface PageStateProps {
  kind: 'loading' | 'empty' | 'error';
  title: string;
  children?: ReactNode;
  action?: { label: string; onClick: () => void };
}

/** Loading, empty and error states share one look so every page answers "what now?" the same way. */
export const PageState = ({ kind, title, children, action }: PageStateProps) => (
  <div className={`page-state page-state--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
    {kind === 'loading' ? <span className="spinner" aria-hidden="true" /> : null}
    <p className="page-state__title">{title}</p>
    {children && <div className="page-state__text">{children}</div>}
    {action && (
      <button type="button" className="button" onClick={action.onClick}>
        {action.label}
      </button>
    )}
  </div>
);
