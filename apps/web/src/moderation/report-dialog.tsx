import { MAX_REPORT_DETAILS, REPORT_REASONS } from '@mediashare/core/schemas';
import { useId, useState } from 'react';
import { errorMessage } from '../lib/errors';
import { trpc } from '../trpc';
import { Modal } from '../ui/modal';

const REASON_LABELS: Record<(typeof REPORT_REASONS)[number], string> = {
  non_consensual: 'Shared without the consent of someone shown',
  underage: 'Shows a minor',
  copyright: 'Infringes copyright',
  spam: 'Spam or advertising',
  other: 'Something else',
};

/** "Report" and its dialog; anyone may report, signed in or not. */
export const ReportButton = ({ target }: { target: { id: number } | { code: string } }) => {
  const [isOpen, setIsOpen] = useState(false);
  const [reason, setReason] = useState<(typeof REPORT_REASONS)[number]>('non_consensual');
  const [details, setDetails] = useState('');
  const titleId = useId();
  const report = trpc.moderation.report.useMutation();
  const close = () => {
    setIsOpen(false);
    report.reset();
  };
  return (
    <>
      <button type="button" className="button button--small button--quiet" onClick={() => setIsOpen(true)}>
        Report
      </button>
      {isOpen && (
        <Modal labelledBy={titleId} onClose={close} className="report-dialog">
          <h2 id={titleId}>Report this item</h2>
          {report.isSuccess ? (
            <>
              <p role="status">Thank you. A moderator will review it.</p>
              <button type="button" className="button" onClick={close}>
                Close
              </button>
            </>
          ) : (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                report.mutate({ ...target, reason, ...(details.trim() ? { details: details.trim() } : {}) });
              }}
            >
              <fieldset>
                <legend>Reason</legend>
                {REPORT_REASONS.map((r) => (
                  <label key={r} className="check">
                    <input type="radio" name="reason" value={r} checked={reason === r} onChange={() => setReason(r)} />
                    <span>{REASON_LABELS[r]}</span>
                  </label>
                ))}
              </fieldset>
              <label className="field">
                <span>Details (optional)</span>
                <textarea value={details} maxLength={MAX_REPORT_DETAILS} rows={3} onChange={(e) => setDetails(e.target.value)} />
              </label>
              {report.error && <p role="alert">{errorMessage(report.error)}</p>}
              <div className="modal__actions">
                <button type="button" className="button button--quiet" onClick={close}>
                  Cancel
                </button>
                <button type="submit" className="button button--primary" disabled={report.isPending}>
                  Send report
                </button>
              </div>
            </form>
          )}
        </Modal>
      )}
    </>
  );
};
