import { ZCreateTagAliasInput, ZUpdateTagFields, type TAdminTag } from '@mediashare/core/schemas';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from '../lib/errors';
import { trpc } from '../trpc';
import { Field } from '../ui/field';
import { Modal, ModalHeader } from '../ui/modal';

interface FormDialogProps {
  title: string;
  submitLabel: string;
  pendingLabel: string;
  isPending: boolean;
  /** The API's refusal, shown in the dialog until the next try. */
  error: unknown;
  isDanger?: boolean;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}

/** A dialog around one form: Enter submits, Escape and Cancel close, the API's refusal shows inside it. */
const FormDialog = ({
  title,
  submitLabel,
  pendingLabel,
  isPending,
  error,
  isDanger,
  onSubmit,
  onClose,
  children,
}: FormDialogProps) => {
  const titleId = useId();
  const bodyRef = useRef<HTMLDivElement>(null);
  // After the modal has noted its opener and opened (its layout effect): the first field takes focus, and
  // closing hands focus back to the button that opened the dialog.
  useEffect(() => {
    bodyRef.current?.querySelector<HTMLElement>('input, select')?.focus();
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Modal labelledBy={titleId} onClose={onClose} className="modal--small">
      <form onSubmit={submit} aria-labelledby={titleId} noValidate>
        <ModalHeader id={titleId} title={title} onClose={onClose} />
        <div className="modal__body" ref={bodyRef}>
          {children}
        </div>
        {Boolean(error) && (
          <p className="alert" role="alert">
            {errorMessage(error)}
          </p>
        )}
        <footer className="modal__footer">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={`button ${isDanger ? 'button--danger' : 'button--primary'}`} disabled={isPending}>
            {isPending ? pendingLabel : submitLabel}
          </button>
        </footer>
      </form>
    </Modal>
  );
};

/** The form's own check first (the same schema the API applies), so a typo never leaves the page. */
const fieldError = (name: string, result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? undefined : `${name} ${result.error?.issues[0]?.message ?? 'is not valid'}.`;

const useTagMutations = (onDone: () => void) => {
  const utils = trpc.useUtils();
  const options = {
    onSuccess: () => {
      void utils.tags.admin.list.invalidate();
      onDone();
    },
  };
  return {
    update: trpc.tags.admin.update.useMutation(options),
    createAlias: trpc.tags.admin.createAlias.useMutation(options),
    merge: trpc.tags.admin.merge.useMutation(options),
  };
};

export const RenameDialog = ({ tag, onClose }: { tag: TAdminTag; onClose: () => void }) => {
  const { update } = useTagMutations(onClose);
  const [label, setLabel] = useState(tag.label);
  const [error, setError] = useState<string>();
  return (
    <FormDialog
      title={`Rename “${tag.slug}”`}
      submitLabel="Save label"
      pendingLabel="Saving…"
      isPending={update.isPending}
      error={update.error}
      onClose={onClose}
      onSubmit={() => {
        const problem = fieldError('Label', ZUpdateTagFields.shape.label.safeParse(label));
        setError(problem);
        if (!problem) update.mutate({ slug: tag.slug, label: label.trim() });
      }}
    >
      <Field
        label="Label"
        value={label}
        onChange={(e) => setLabel(e.target.value)}
        error={error}
        hint="What people read. The slug stays: links and the vocabulary file use it."
      />
    </FormDialog>
  );
};

export const AliasDialog = ({ tag, onClose }: { tag: TAdminTag; onClose: () => void }) => {
  const { createAlias } = useTagMutations(onClose);
  const [alias, setAlias] = useState('');
  const [error, setError] = useState<string>();
  return (
    <FormDialog
      title={`Add an alias to “${tag.slug}”`}
      submitLabel="Add alias"
      pendingLabel="Adding…"
      isPending={createAlias.isPending}
      error={createAlias.error}
      onClose={onClose}
      onSubmit={() => {
        const parsed = ZCreateTagAliasInput.shape.alias.safeParse(alias);
        const problem = fieldError('Alias', parsed);
        setError(problem);
        if (parsed.success) createAlias.mutate({ slug: tag.slug, alias: parsed.data });
      }}
    >
      <Field
        label="Alias"
        value={alias}
        onChange={(e) => setAlias(e.target.value)}
        error={error}
        hint="Another spelling that shares and feed filters will read as this tag, such as bw for black-and-white."
        autoComplete="off"
      />
    </FormDialog>
  );
};

/** Merging cannot be undone, so the dialog says what moves where before the button does it. */
export const MergeDialog = ({ tag, tags, onClose }: { tag: TAdminTag; tags: TAdminTag[]; onClose: () => void }) => {
  const { merge } = useTagMutations(onClose);
  const targets = tags.filter((t) => t.active && t.id !== tag.id);
  const [into, setInto] = useState('');
  const [error, setError] = useState<string>();
  const selectId = useId();
  const target = targets.find((t) => t.slug === into);
  return (
    <FormDialog
      title={`Merge “${tag.slug}” into another tag`}
      submitLabel={target ? `Merge into ${target.slug}` : 'Merge'}
      pendingLabel="Merging…"
      isPending={merge.isPending}
      error={merge.error}
      isDanger
      onClose={onClose}
      onSubmit={() => {
        setError(target ? undefined : 'Choose the tag to merge into.');
        if (target) merge.mutate({ slug: tag.slug, into: target.slug });
      }}
    >
      <div className={`field${error ? ' has-error' : ''}`}>
        <label htmlFor={selectId}>Merge into</label>
        <select
          id={selectId}
          value={into}
          onChange={(e) => setInto(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${selectId}-error` : undefined}
        >
          <option value="">Choose a tag…</option>
          {targets.map((t) => (
            <option key={t.id} value={t.slug}>
              {t.slug} ({t.label}, {t.count} {t.count === 1 ? 'item' : 'items'})
            </option>
          ))}
        </select>
        {error && (
          <p id={`${selectId}-error`} className="field__error">
            {error}
          </p>
        )}
      </div>
      <p>
        {tag.count === 1 ? 'The 1 item' : `The ${tag.count} items`} tagged {tag.slug} will carry{' '}
        {target ? target.slug : 'that tag'} instead, its aliases move with them, and “{tag.slug}” becomes an alias of it, so links
        and feeds that name it keep working. This cannot be undone.
      </p>
    </FormDialog>
  );
};

export const DeactivateDialog = ({ tag, onClose }: { tag: TAdminTag; onClose: () => void }) => {
  const { update } = useTagMutations(onClose);
  return (
    <FormDialog
      title={`Deactivate “${tag.slug}”?`}
      submitLabel="Deactivate"
      pendingLabel="Deactivating…"
      isPending={update.isPending}
      error={update.error}
      isDanger
      onClose={onClose}
      onSubmit={() => update.mutate({ slug: tag.slug, active: false })}
    >
      <p>
        It is no longer offered or accepted for new shares. The {tag.count === 1 ? 'item' : `${tag.count} items`} that carry it
        keep it, and feeds still filter by it. You can reactivate it later.
      </p>
    </FormDialog>
  );
};
