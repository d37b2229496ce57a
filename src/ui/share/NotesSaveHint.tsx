/**
 * Where notes are written (the inspector), one line when they are not saved in this browser: the located message;
 * the banner at the top of the page (NotesNotice) has the whole sentence and the actions.
 */
import { useContext } from 'react';
import { NotesStatusContext } from './notesStatusContext';

const WHY = { blocked: 'it blocks this site from storing data', full: 'its storage for this site is full', failed: 'storing failed' } as const;

export function NotesSaveHint() {
  const fault = useContext(NotesStatusContext)?.fault;
  if (!fault) return null;
  return (
    <p className="notes-save-hint" role="status" data-testid="notes-save-hint">
      Notes are not saved in this browser: {WHY[fault.kind]}. They stay in this page and in its link.
    </p>
  );
}
