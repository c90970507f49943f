import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { placeholderUrl } from '../lib/placeholder';
import { Modal, ModalHeader } from '../ui/modal';

export interface ViewerItem {
  id: number;
  kind: 'image' | 'gif' | 'video';
  title: string;
  /** The original: what a video plays, and the picture while no preview exists (owner or public). */
  fileUrl: string;
  previewUrl: string | null;
  placeholder: string | null;
  width: number | null;
  height: number | null;
}

interface ViewerProps<T extends ViewerItem> {
  items: readonly T[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
  /** Download, Share and the like, where the caller allows them. */
  actions?: (item: T) => ReactNode;
}

const SWIPE_PX = 50;
const FOCUSABLE = 'a[href], button:not([disabled]), video[controls], [tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab inside the viewer: a modal <dialog> makes the page behind it inert, but Chromium still lets
 * Tab leave the last control for the browser's own UI.
 */
const trapTab = (event: KeyboardEvent<HTMLElement>) => {
  const dialog = event.currentTarget.closest('dialog');
  const focusable = dialog ? [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)] : [];
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
};

/**
 * One item at viewing size: its 2048 px preview (the original when there is none), a video with its
 * poster. Left and right arrows (or a swipe) move through the items, Escape closes; the dialog keeps
 * focus inside while open and gives it back to what opened it.
 */
export const Viewer = <T extends ViewerItem>({ items, index, onIndex, onClose, actions }: ViewerProps<T>) => {
  const item = items[index];
  const swipeStart = useRef<number | null>(null);
  if (!item) return null;
  const go = (step: number) => {
    const next = index + step;
    if (next >= 0 && next < items.length) onIndex(next);
  };
  const blur = placeholderUrl(item.placeholder);
  return (
    <Modal labelledBy="viewer-title" onClose={onClose} className="viewer">
      <div
        className="viewer__frame"
        onKeyDown={(event) => {
          if (event.key === 'Tab') {
            trapTab(event);
            return;
          }
          if (event.key === 'ArrowLeft') go(-1);
          else if (event.key === 'ArrowRight') go(1);
          else return;
          event.preventDefault();
        }}
        onPointerDown={(event) => {
          if (event.pointerType === 'touch') swipeStart.current = event.clientX;
        }}
        onPointerUp={(event) => {
          if (swipeStart.current === null) return;
          const dx = event.clientX - swipeStart.current;
          swipeStart.current = null;
          if (Math.abs(dx) > SWIPE_PX) go(dx < 0 ? 1 : -1);
        }}
      >
        <ModalHeader id="viewer-title" title={item.title} onClose={onClose} />
        <div className="viewer__stage" style={blur ? { backgroundImage: `url("${blur}")` } : undefined}>
          {item.kind === 'video' ? (
            <video
              key={item.id}
              src={item.fileUrl}
              poster={item.previewUrl ?? undefined}
              controls
              // Opening a video (a click, an arrow key) is the request to play it.
              autoPlay
              playsInline
              preload="metadata"
              aria-label={item.title}
            />
          ) : (
            <img
              key={item.id}
              src={item.previewUrl ?? item.fileUrl}
              alt={item.title}
              width={item.width ?? undefined}
              height={item.height ?? undefined}
              decoding="async"
            />
          )}
        </div>
        <footer className="viewer__bar">
          <button
            type="button"
            className="button button--small"
            onClick={() => go(-1)}
            disabled={index === 0}
            aria-label="Previous"
          >
            ←
          </button>
          <span className="viewer__count">
            {index + 1} / {items.length}
          </span>
          <button
            type="button"
            className="button button--small"
            onClick={() => go(1)}
            disabled={index === items.length - 1}
            aria-label="Next"
          >
            →
          </button>
          <span className="viewer__actions">{actions?.(item)}</span>
        </footer>
      </div>
    </Modal>
  );
};
