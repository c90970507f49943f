import { useId, type ReactNode } from 'react';
import { errorMessage } from '../lib/errors';
import { Modal, ModalHeader } from './modal';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  /** What the button runs: its progress and failure show here, and closing the dialog forgets them. */
  mutation: { isPending: boolean; error: unknown; reset: () => void };
  onConfirm: () => void;
  onClose: () => void;
}

export const ConfirmDialog = ({
  title,
  children,
  confirmLabel,
  pendingLabel,
  mutation,
  onConfirm,
  onClose,
}: ConfirmDialogProps) => {
  const titleId = useId();
  const close = () => {
    mutation.reset();
    onClose();
  };
  return (
    <Modal labelledBy={titleId} onClose={close} className="modal--small">
      <ModalHeader id={titleId} title={title} onClose={close} />
      <div className="modal__body">{children}</div>
      {Boolean(mutation.error) && (
        <p className="alert" role="alert">
          {errorMessage(mutation.error)}
        </p>
      )}
      <footer className="modal__footer">
        <button type="button" className="button" onClick={close}>
          Cancel
        </button>
        <button type="button" className="button button--danger" onClick={onConfirm} disabled={mutation.isPending}>
          {mutation.isPending ? pendingLabel : confirmLabel}
        </button>
      </footer>
    </Modal>
  );
};
