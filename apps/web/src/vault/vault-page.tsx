import { mediaKindOf, type TMediaItem, type TUser } from '@mediashare/core/schemas';
import { useRef, useState, type DragEvent } from 'react';
import { useLimits } from '../lib/limits';
import { ShareDialog } from '../share/share-dialog';
import { trpc } from '../trpc';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { MorePages } from '../ui/more-pages';
import { QueryState } from '../ui/query-state';
import { useDocumentTitle } from '../ui/use-document-title';
import { Viewer, type ViewerItem } from '../viewer/viewer';
import { MediaCard } from './media-card';
import { UsageBar } from '../instance-admin/usage-bar';
import { UploadList } from './upload-list';
import { UploadZone } from './upload-zone';
import { useUploads } from './use-uploads';
import '../styles/vault.css';
import '../styles/viewer.css';

const PAGE_SIZE = 30;

const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

const RENDITION_POLL_MS = 3000;
const isAwaitingRenditions = (item: TMediaItem) =>
  item.thumbnailUrl === null && Date.now() - Date.parse(item.createdAt) < 2 * 60_000;

/** What the viewer shows of a vault item: the owner's own routes. */
const toViewerItem = (item: TMediaItem): ViewerItem => ({
  id: item.id,
  kind: mediaKindOf(item.mimeType),
  title: item.fileName,
  fileUrl: `/api/user/media/${item.id}/file`,
  previewUrl: item.previewUrl,
  placeholder: item.placeholder,
  width: item.width,
  height: item.height,
});

export const VaultPage = ({ user }: { user: TUser }) => {
  useDocumentTitle('Your vault');
  const utils = trpc.useUtils();
  const media = trpc.media.list.useInfiniteQuery(
    { limit: PAGE_SIZE },
    {
      getNextPageParam: (page) => page.nextCursor,
      // Renditions are made just after an upload: look again until recent items have theirs.
      refetchInterval: (query) =>
        query.state.data?.pages.some((page) => page.items.some(isAwaitingRenditions)) ? RENDITION_POLL_MS : false,
    },
  );
  const maxUploadBytes = useLimits().data?.maxUploadBytes;
  // What the account stores against its quota: uploads, renditions and deletions all move it.
  const storage = trpc.auth.status.useQuery(undefined, { refetchInterval: RENDITION_POLL_MS * 6 });
  const uploads = useUploads({
    maxBytes: maxUploadBytes,
    onUploaded: () => {
      void utils.media.list.invalidate();
      void utils.auth.status.invalidate();
    },
  });
  const [sharingId, setSharingId] = useState<number | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<TMediaItem | null>(null);
  const [isDragging, setIsDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed; a depth count tells when the pointer really left.
  const dragDepth = useRef(0);

  const remove = trpc.media.delete.useMutation({
    onSuccess: async () => {
      setDeleting(null);
      await utils.media.list.invalidate();
    },
  });

  const items = media.data?.pages.flatMap((page) => page.items) ?? [];
  // The dialog reads the item from the list so it follows refetches after each change.
  const sharing = items.find((item) => item.id === sharingId);

  const dragHandlers = {
    onDragEnter: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      dragDepth.current += 1;
      setIsDragging(true);
    },
    onDragLeave: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      dragDepth.current = Math.max(0, dragDepth.current - 1);
      if (dragDepth.current === 0) setIsDragging(false);
    },
    onDragOver: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDrop: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      dragDepth.current = 0;
      setIsDragging(false);
      const files = [...event.dataTransfer.files];
      if (files.length > 0) uploads.add(files);
    },
  };

  return (
    <main className="page vault" {...dragHandlers}>
      <div className="page__head">
        <div>
          <h1>Your vault</h1>
          <p className="page__lead">Private to you, {user.username}. Share any item with a link or with the Community.</p>
        </div>
        {storage.data && <UsageBar usage={storage.data.usage} quota={storage.data.quota} />}
      </div>
      <div className="vault__uploads">
        <UploadZone isDragging={isDragging} maxBytes={maxUploadBytes} onFiles={uploads.add} />
        <UploadList entries={uploads.entries} onCancel={uploads.cancel} onDismiss={uploads.dismiss} />
      </div>

      <QueryState
        query={media}
        loading="Loading your vault…"
        failed="Could not load your vault"
        empty={{
          when: items.length === 0,
          title: 'Your vault is empty',
          children: 'Upload something to get started: it stays private until you share it.',
        }}
      />
      {items.length > 0 && (
        <ul className="media-grid" aria-label="Your media">
          {items.map((item, index) => (
            <MediaCard
              key={item.id}
              item={item}
              onOpen={() => setViewing(index)}
              onShare={(i) => setSharingId(i.id)}
              onDelete={setDeleting}
            />
          ))}
        </ul>
      )}
      <MorePages query={media} />

      {viewing !== null && (
        <Viewer
          items={items.map(toViewerItem)}
          index={viewing}
          onIndex={setViewing}
          onClose={() => setViewing(null)}
          actions={(item) => (
            <>
              <a className="button button--small" href={item.fileUrl} download>
                Download
              </a>
              <button
                type="button"
                className="button button--small"
                onClick={() => {
                  setViewing(null);
                  setSharingId(item.id);
                }}
              >
                Share
              </button>
            </>
          )}
        />
      )}
      {sharing && <ShareDialog key={sharing.id} item={sharing} onClose={() => setSharingId(null)} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.fileName}”?`}
          confirmLabel="Delete"
          pendingLabel="Deleting…"
          mutation={remove}
          onConfirm={() => remove.mutate({ id: deleting.id })}
          onClose={() => setDeleting(null)}
        >
          <p>The file leaves your vault for good and its share link stops working.</p>
          {deleting.shareToCommunity && (
            <p>
              Its public copy stays in the Community feed. To take that down too, choose Remove from Community on it in the feed,
              now or later.
            </p>
          )}
        </ConfirmDialog>
      )}
    </main>
  );
};
