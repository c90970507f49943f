import type { TMediaItem } from '@mediashare/core/schemas';
import { useState } from 'react';
import { errorMessage } from '../lib/errors';
import { ShareDialog } from '../share/share-dialog';
import { trpc } from '../trpc';
import { FeedPages } from './community-feed';

interface MyPostsProps {
  limit: number;
  labelOf: (slug: string) => string;
  tagHref: (slug: string) => string;
  empty: Parameters<typeof FeedPages>[0]['empty'];
}

/**
 * The signed-in user's own profile: their items with what only they see (each one's link views) and
 * their actions on it. Edit opens the vault item's share dialog, which reopens with the item's texts.
 */
export const MyPosts = ({ limit, labelOf, tagHref, empty }: MyPostsProps) => {
  const feed = trpc.community.mine.useInfiniteQuery({ limit }, { getNextPageParam: (page) => page.nextCursor });
  const utils = trpc.useUtils();
  const [editing, setEditing] = useState<TMediaItem | null>(null);
  const [editError, setEditError] = useState<string | null>(null);
  const edit = async (mediaId: number) => {
    setEditError(null);
    try {
      setEditing(await utils.media.get.fetch({ id: mediaId }));
    } catch (error) {
      setEditError(`Could not open it for editing: ${errorMessage(error)}`);
    }
  };

  return (
    <>
      {editError && (
        <p className="alert" role="alert">
          {editError}
        </p>
      )}
      <FeedPages
        feed={feed}
        label="My posts"
        labelOf={labelOf}
        tagHref={tagHref}
        empty={empty}
        ownerView={({ mediaId, views }) => ({ views, onEdit: mediaId === null ? undefined : () => void edit(mediaId) })}
      />
      {editing && <ShareDialog key={editing.id} item={editing} onClose={() => setEditing(null)} />}
    </>
  );
};
