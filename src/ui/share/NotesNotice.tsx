/**
 * What happened to the review notes in this browser's storage, said exactly, with what the user can do: try again,
 * or take the notes (and the link that carries them) as a file. Nothing is said while the notes are saved. Where
 * notes are written, the inspector says it in one line (NotesSaveHint).
 */
import { faultSentence } from '../storage/storageFault';
import type { NotesStatus } from './notesStore';

export interface NotesNoticeProps {
  status: NotesStatus;
  /** Notes on the page now: a blocked storage is only worth a word when there is something to keep. */
  count: number;
  onRetry: () => void;
  onDownload: () => void;
  /** Hide the fault until it happens again. */
  onDismissFault: () => void;
  onDownloadUnreadable: () => void;
  onDismissUnreadable: () => void;
}

export function NotesNotice({ status, count, onRetry, onDownload, onDismissFault, onDownloadUnreadable, onDismissUnreadable }: NotesNoticeProps) {
  const { fault, unreadable } = status;
  return (
    <>
      {fault && count > 0 && (
        <div className="banner storage-banner" role="alert" data-testid="notes-storage" data-fault={fault.kind}>
          <span>
            {faultSentence(`Your ${count === 1 ? 'review note is' : `${count} review notes are`}`, fault)} They are kept in this page and in its link
            (Copy link shares them){fault.kind === 'blocked' ? '' : '; saving is tried again when space may have freed'}.
          </span>
          <span className="banner-actions">
            <button type="button" data-testid="notes-retry" onClick={onRetry}>
              {fault.kind === 'blocked' ? 'Try again (after allowing site data)' : 'Try saving again'}
            </button>
            <button type="button" data-testid="notes-download" onClick={onDownload}>
              Download notes
            </button>
            <button type="button" onClick={onDismissFault} aria-label="Dismiss until it happens again">
              Dismiss
            </button>
          </span>
        </div>
      )}
      {unreadable && (
        <div className="banner storage-banner" role="alert" data-testid="notes-unreadable">
          <span>
            Review notes saved earlier could not be read ({unreadable.error}) and are not shown. What was stored is kept aside; download it to
            recover the notes by hand.
          </span>
          <span className="banner-actions">
            <button type="button" onClick={onDownloadUnreadable}>
              Download what was stored
            </button>
            <button type="button" onClick={onDismissUnreadable} aria-label="Dismiss">
              Dismiss
            </button>
          </span>
        </div>
      )}
    </>
  );
}
