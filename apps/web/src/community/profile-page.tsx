import { PAGES } from '@mediashare/core/schemas';
import { Link } from 'wouter';
import { useSession } from '../lib/session';
import { trpc } from '../trpc';
import { useDocumentTitle } from '../ui/use-document-title';
import { CommunityFeed } from './community-feed';
import { FeedLinks, useFeedLinks } from './feed-links';
import { formatFeedQuery } from './feed-query';
import { MyPosts } from './my-posts';

const PAGE_SIZE = 24;
const TAGS_STALE_MS = 10 * 60 * 1000;

/**
 * `/u/:username`: one person's community items, newest first. For the signed-in owner it is "My posts",
 * read from their own list (views and the vault item are theirs alone) with Edit and Remove on each.
 */
export const ProfilePage = ({ username }: { username: string }) => {
  const { user, isLoading } = useSession();
  const isOwn = user?.username.toLowerCase() === username.toLowerCase();
  useDocumentTitle(isOwn ? 'My posts' : `@${username}`);
  const query = `?${new URLSearchParams({ user: username }).toString()}`;
  useFeedLinks(query, `@${username} on mediashare`);
  const tags = trpc.tags.list.useQuery(undefined, { staleTime: TAGS_STALE_MS });
  const labelOf = (slug: string) => tags.data?.find((t) => t.slug === slug)?.label ?? slug;
  const tagHref = (slug: string) => `${PAGES.community}${formatFeedQuery({ tags: [slug], origin: undefined })}`;

  return (
    <main className="page community">
      <div className="page__head">
        <div>
          <h1>{isOwn ? 'My posts' : `@${username}`}</h1>
          <p className="page__lead">
            {isOwn ? 'What you shared with the Community, newest first.' : `What @${username} shared with the Community.`}
          </p>
        </div>
        <FeedLinks query={query} />
      </div>
      {isLoading ? null : isOwn ? (
        <MyPosts
          limit={PAGE_SIZE}
          labelOf={labelOf}
          tagHref={tagHref}
          empty={{
            title: 'You have not shared anything yet',
            children: (
              <>
                Share something from <Link href={PAGES.home}>your vault</Link> to the Community and it will appear here.
              </>
            ),
          }}
        />
      ) : (
        <CommunityFeed
          input={{ limit: PAGE_SIZE, tags: [], user: username }}
          label={`Posts by @${username}`}
          labelOf={labelOf}
          tagHref={tagHref}
          empty={{ title: 'Nothing shared yet', children: 'When they share something with the Community, it appears here.' }}
        />
      )}
    </main>
  );
};
