/**
 * Every review note in one list: what it is pinned to (a link that jumps there), its text, edit and delete. Shown
 * whenever there are notes, in presentation mode too.
 */
import { memo, useState } from 'react';
import type { Explanation } from '../../model/explain-types';
import type { DesignId } from '../../model/scenario';
import type { NoteTarget, ReviewNote } from '../../model/view-state';
import { noteTargetLabel } from './noteTargets';

export interface NotesPanelProps {
  notes: ReviewNote[];
  ex: Explanation;
  all: Partial<Record<DesignId, Explanation>>;
  onJump: (t: NoteTarget) => void;
  onEdit: (id: string, text: string) => void;
  onRemove: (id: string) => void;
}

function NoteItem({ n, label, onJump, onEdit, onRemove }: { n: ReviewNote; label: string; onJump: NotesPanelProps['onJump']; onEdit: NotesPanelProps['onEdit']; onRemove: NotesPanelProps['onRemove'] }) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <li className="note-item" data-testid="notes-item">
      <button type="button" className="link note-jump" data-testid="notes-jump" onClick={() => onJump(n.target)}>
        {label}
      </button>
      {draft === null ? (
        <blockquote className="note-text" data-testid="notes-text">{n.author ? <strong>{n.author}: </strong> : null}{n.text}</blockquote>
      ) : (
        <form
          className="note-edit"
          onSubmit={(e) => {
            e.preventDefault();
            const text = draft.trim().slice(0, 2000);
            if (text) onEdit(n.id, text);
            setDraft(null);
          }}
        >
          <label className="sr-only" htmlFor={`note-edit-${n.id}`}>Edit the note on {label}</label>
          <textarea id={`note-edit-${n.id}`} data-testid="notes-edit-input" value={draft} maxLength={2000} rows={2} onChange={(e) => setDraft(e.target.value)} autoFocus />
          <button type="submit" data-testid="notes-save" disabled={!draft.trim()}>Save</button>
          <button type="button" onClick={() => setDraft(null)}>Cancel</button>
        </form>
      )}
      {draft === null && (
        <span className="note-actions">
          <button type="button" className="link" data-testid="notes-edit" onClick={() => setDraft(n.text)} aria-label={`Edit the note on ${label}`}>edit</button>
          <button type="button" className="link" data-testid="notes-delete" onClick={() => onRemove(n.id)} aria-label={`Delete the note on ${label}`}>delete</button>
        </span>
      )}
    </li>
  );
}

export const NotesPanel = memo(function NotesPanel({ notes, ex, all, onJump, onEdit, onRemove }: NotesPanelProps) {
  return (
    <section className="notes-panel" id="notes" tabIndex={-1} aria-labelledby="notes-h" data-testid="notes-panel">
      <h2 id="notes-h">Review notes ({notes.length})</h2>
      <ol>
        {notes.map((n) => (
          <NoteItem key={n.id} n={n} label={noteTargetLabel(n.target, ex, all)} onJump={onJump} onEdit={onEdit} onRemove={onRemove} />
        ))}
      </ol>
    </section>
  );
});
