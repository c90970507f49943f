import { useId, type ReactNode } from 'react';
import { Modal, ModalHeader } from './modal';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  isPending: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}

export const ConfirmDialog = (props: ConfirmDialogProps) => {
  const titleId = useId();
  return (
    <Modal labelledBy={titleId} onClose={props.onClose} className="modal--small">
      <ModalHeader id={titleId} title={props.title} onClose={props.onClose} />
      <div className="modal__body">{props.children}</div>
      {props.error && (
        <p className="alert" role="alert">
          {props.error}
        </p>
      )}
      <footer className="modal__footer">
        <button type="button" className="button" onClick={props.onClose}>
          Cancel
        </button>
        <button type="button" className="button button--danger" onClick={props.onConfirm} disabled={props.isPending}>
          {props.isPending ? props.pendingLabel : props.confirmLabel}
        </button>
      </footer>
    </Modal>
  );
};
