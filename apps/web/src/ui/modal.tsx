import { useLayoutEffect, useRef, type ReactNode } from 'react';

interface ModalProps {
  /** Id of the element that names the dialog (its heading). */
  labelledBy: string;
  onClose: () => void;
  className?: string;
  children: ReactNode;
}

/**
 * A modal that is open while mounted. The native <dialog> with showModal() makes the rest of the page
 * inert, keeps Tab inside, and closes on Escape, so no focus-trap code is needed here.
 */
export const Modal = ({ labelledBy, onClose, className, children }: ModalProps) => {
  const ref = useRef<HTMLDialogElement>(null);
  const pressedBackdrop = useRef(false);

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      dialog.close();
      // The element is about to leave the DOM, so the browser's own focus restoration may not run.
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={['modal', className].filter(Boolean).join(' ')}
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      // A click whose target is the <dialog> itself landed on the backdrop (the content sits in an inner
      // box). It must also have started there: a text selection dragged out of the box ends the same way.
      onPointerDown={(event) => {
        pressedBackdrop.current = event.target === event.currentTarget;
      }}
      onClick={(event) => {
        if (pressedBackdrop.current && event.target === event.currentTarget) onClose();
        pressedBackdrop.current = false;
      }}
    >
      <div className="modal__box">{children}</div>
    </dialog>
  );
};

export const ModalHeader = ({ id, title, onClose }: { id: string; title: ReactNode; onClose: () => void }) => (
  <header className="modal__header">
    <h2 id={id}>{title}</h2>
    <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
        <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
    </button>
  </header>
);
