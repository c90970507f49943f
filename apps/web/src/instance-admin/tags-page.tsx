import type { TAdminTag } from '@mediashare/core/schemas';
import { useState } from 'react';
import { Link } from 'wouter';
import { errorMessage } from '../lib/errors';
import { trpc } from '../trpc';
import { QueryState } from '../ui/query-state';
import { useDocumentTitle } from '../ui/use-document-title';
import { AliasDialog, DeactivateDialog, MergeDialog, RenameDialog } from './tag-dialogs';
import '../styles/instance.css';

type Action = 'rename' | 'alias' | 'merge' | 'deactivate';

const State = ({ tag }: { tag: TAdminTag }) =>
  tag.mergedInto ? <>Merged into {tag.mergedInto}</> : tag.active ? <>Active</> : <>Inactive</>;

const Row = ({ tag, onAction }: { tag: TAdminTag; onAction: (tag: TAdminTag, action: Action) => void }) => {
  const utils = trpc.useUtils();
  // Reactivating takes nothing away, so it needs no confirmation; its refusal shows in the row.
  const reactivate = trpc.tags.admin.update.useMutation({ onSuccess: () => void utils.tags.admin.list.invalidate() });
  return (
    <tr data-tag={tag.slug} className={tag.active ? undefined : 'is-inactive'}>
      <th scope="row">
        <code>{tag.slug}</code>
        <br />
        <small>{tag.label}</small>
      </th>
      <td>
        {tag.aliases.length === 0
          ? '—'
          : tag.aliases.map((a, i) => (
              <span key={a.alias}>
                {i > 0 && ', '}
                <code>{a.alias}</code>
                {a.origin === 'admin' && <small title="Added by an admin; pnpm tags:sync keeps it"> (admin)</small>}
              </span>
            ))}
      </td>
      <td className="tag-table__count">{tag.count}</td>
      <td>
        <State tag={tag} />
      </td>
      <td>
        {tag.mergedInto === null && (
          <div className="tag-table__actions" role="group" aria-label={`Actions for ${tag.slug}`}>
            <button type="button" className="button button--small" onClick={() => onAction(tag, 'rename')}>
              Rename
            </button>
            <button type="button" className="button button--small" onClick={() => onAction(tag, 'alias')}>
              Add alias
            </button>
            <button type="button" className="button button--small" onClick={() => onAction(tag, 'merge')}>
              Merge…
            </button>
            {tag.active ? (
              <button type="button" className="button button--small button--quiet" onClick={() => onAction(tag, 'deactivate')}>
                Deactivate…
              </button>
            ) : (
              <button
                type="button"
                className="button button--small"
                disabled={reactivate.isPending}
                onClick={() => reactivate.mutate({ slug: tag.slug, active: true })}
              >
                Reactivate
              </button>
            )}
          </div>
        )}
        {reactivate.error && <p role="alert">{errorMessage(reactivate.error)}</p>}
      </td>
    </tr>
  );
};

/** `/admin/tags`: the tag vocabulary, inactive and merged tags included, and what admins may change in it. */
export const TagsPage = () => {
  useDocumentTitle('Tags');
  const tags = trpc.tags.admin.list.useQuery(undefined, { retry: false });
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<{ slug: string; action: Action } | null>(null);
  const all = tags.data?.tags ?? [];
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? all.filter((t) => [t.slug, t.label.toLowerCase(), ...t.aliases.map((a) => a.alias)].some((name) => name.includes(needle)))
    : all;
  const current = open && all.find((t) => t.slug === open.slug);
  const close = () => setOpen(null);
  return (
    <main className="page instance">
      <div className="page__head">
        <div>
          <h1>Tags</h1>
          <p className="page__lead">
            The tag vocabulary: add aliases, rename, merge or deactivate tags. Every change is recorded in the{' '}
            <Link href="/admin/log">moderation log</Link>. <code>pnpm tags:sync</code> keeps aliases and merges made here, and
            sets labels and active tags back to its file for the tags it lists.
          </p>
        </div>
      </div>
      <QueryState query={tags} loading="Loading tags…" failed="Could not load the tags" />
      {tags.data && (
        <>
          <div className="field tag-filter">
            <label htmlFor="tag-filter">Filter tags</label>
            <input id="tag-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" />
          </div>
          <table className="instance-table tag-table">
            <caption className="visually-hidden">
              {shown.length} of {all.length} tags
            </caption>
            <thead>
              <tr>
                <th scope="col">Slug and label</th>
                <th scope="col">Aliases</th>
                <th scope="col">Items</th>
                <th scope="col">State</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((tag) => (
                <Row key={tag.id} tag={tag} onAction={(t, action) => setOpen({ slug: t.slug, action })} />
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <p>No tag matches “{filter}”.</p>}
        </>
      )}
      {current && open.action === 'rename' && <RenameDialog tag={current} onClose={close} />}
      {current && open.action === 'alias' && <AliasDialog tag={current} onClose={close} />}
      {current && open.action === 'merge' && <MergeDialog tag={current} tags={all} onClose={close} />}
      {current && open.action === 'deactivate' && <DeactivateDialog tag={current} onClose={close} />}
    </main>
  );
};
