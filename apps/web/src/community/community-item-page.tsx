import { profileUrl, ZCommunityId, type TCommunityItem } from '@mediashare/core/schemas';
import { Link } from 'wouter';
import { formatTimeAgo } from '../lib/format';
import { linkify } from '../lib/linkify';
import { placeholderUrl } from '../lib/placeholder';
import { trpc } from '../trpc';
import { QueryState } from '../ui/query-state';
import { useDocumentTitle } from '../ui/use-document-title';
import { NotFoundPage } from '../ui/not-found-page';
import { MatureInterstitial } from '../moderation/mature-gate';
import { isRemoved, RemovedItem } from '../moderation/removed-item';
import { ReportButton } from '../moderation/report-dialog';
import '../styles/shared.css';

const Item = ({ item }: { item: TCommunityItem }) => {
  const blur = placeholderUrl(item.placeholder);
  const style = blur ? { backgroundImage: `url("${blur}")`, backgroundSize: 'cover' } : undefined;
  return (
    <figure className="shared-media">
      {item.title && <h1 className="shared-media__title">{item.title}</h1>}
      <div
        className="shared-media__frame"
        style={item.width && item.height ? { aspectRatio: `${item.width} / ${item.height}` } : undefined}
      >
        {item.kind === 'video' ? (
          <video src={item.url} poster={item.previewUrl ?? undefined} controls playsInline preload="metadata" />
        ) : (
          <img
            src={item.previewUrl ?? item.url}
            style={style}
            alt={item.altText ?? `Shared by ${item.owner.username}`}
            width={item.width ?? undefined}
            height={item.height ?? undefined}
          />
        )}
      </div>
      {item.caption && <p className="shared-media__caption">{linkify(item.caption)}</p>}
      <figcaption>
        <span>
          <Link href={profileUrl(item.owner.username)}>@{item.owner.username}</Link> ·{' '}
          <time dateTime={item.createdAt}>{formatTimeAgo(item.createdAt)}</time>
          {item.tags.length > 0 && ` · ${item.tags.map((t) => `#${t}`).join(' ')}`}
        </span>
        <span>
          <ReportButton target={{ id: item.id }} />
          <Link className="button button--small" href="/community">
            Community
          </Link>
        </span>
      </figcaption>
    </figure>
  );
};

/** `/community/:id`: one community item, the page its permalink (and its OpenGraph tags) name. */
export const CommunityItemPage = ({ id }: { id: string }) => {
  const parsed = ZCommunityId.safeParse(Number(id));
  const query = trpc.community.get.useQuery({ id: parsed.success ? parsed.data : 0 }, { enabled: parsed.success, retry: false });
  useDocumentTitle(query.data ? (query.data.title ?? `Shared by @${query.data.owner.username}`) : 'Community item');
  if (isRemoved(query.error)) {
    return (
      <main className="page shared-page">
        <RemovedItem />
      </main>
    );
  }
  if (!parsed.success || query.error?.data?.httpStatus === 404) return <NotFoundPage />;
  return (
    <main className="page shared-page">
      <QueryState query={query} loading="Opening…" failed="Could not open this item" />
      {query.data && (
        <MatureInterstitial isMature={query.data.mature}>
          <Item item={query.data} />
        </MatureInterstitial>
      )}
    </main>
  );
};
