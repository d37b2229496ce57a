/**
 * Where text comes in: the textarea (uncontrolled: a controlled one holding a pasted dump made React compare and
 * copy the whole text on every render), the Import button, a file input, and the busy line with progress and Cancel.
 * Large pastes skip the textarea and go straight to `onSubmit`. What the textarea holds is parsed ahead once the page
 * is idle after a change (parseAhead), so the Import click finds it parsed.
 */
import { useEffect, useRef, useState } from 'react';
import { formatSize } from '../../model/addr';
import { parseAhead, type ImportProgress } from '../../workers/importClient';
import { whenIdle } from '../hooks/whenIdle';
import type { After } from './ImportPanel';

const LARGE_PASTE = 200_000;

export function PasteArea(props: {
  /** `after` hears how the import ended; without it the panel keeps a failed input to try again. */
  onSubmit: (input: string | Blob, name: string, after?: After) => void;
  busy: { label: string; progress: ImportProgress | null } | null;
  onCancel: () => void;
}) {
  const { onSubmit, busy } = props;
  const textArea = useRef<HTMLTextAreaElement>(null);
  const [hasText, setHasText] = useState(false);
  /** The user's changes to the textarea, counted (see the Import button). */
  const edits = useRef(0);
  /** Cancels the parse ahead still waiting for an idle moment. */
  const cancelAhead = useRef<(() => void) | null>(null);
  useEffect(() => () => cancelAhead.current?.(), []);
  const progressPct = busy?.progress ? Math.round(busy.progress.fraction * 100) : null;
  return (
    <>
      <div className="import-input">
        <p className="import-hint">
          Paste or drop <code>/proc/iomem</code> (as root), <code>/proc/PID/smaps</code> (or maps, <code>pmap -X</code>) of the VMM, a fault trace
          (ftrace, trace-cmd/perf <code>kvm_page_fault</code>, bpftrace or kernel stacks, a call tree, a table of KVM exits), <code>cxl list</code>{' '}
          output, or a whole machine collected by <code>scripts/collect.sh</code>. Mail damage (quote marks, wrapped lines, quoted-printable) is undone
          and said. Parsed in the background; kept in this browser until removed.
        </p>
        <label htmlFor="import-text">Text to import</label>
        <textarea
          id="import-text"
          data-testid="import-text"
          rows={3}
          spellCheck={false}
          ref={textArea}
          defaultValue=""
          onChange={(e) => {
            edits.current++;
            const ta = e.target;
            setHasText(/\S/.test(ta.value));
            cancelAhead.current?.();
            cancelAhead.current = whenIdle(() => {
              cancelAhead.current = null;
              parseAhead(ta.value);
            }, 2000);
          }}
          onPaste={(e) => {
            const t = e.clipboardData.getData('text');
            if (t.length > LARGE_PASTE) {
              // Big pastes never enter the textarea: straight to the worker.
              e.preventDefault();
              onSubmit(t, `pasted text (${formatSize(BigInt(t.length))})`);
            }
          }}
        />
        <div className="import-actions">
          <button
            type="button"
            data-testid="import-submit"
            disabled={!hasText}
            onClick={() => {
              const ta = textArea.current;
              if (!ta) return;
              setHasText(false);
              const at = edits.current;
              onSubmit(ta.value, 'pasted text', (outcome) => {
                // Emptied only once imported: a failed or cancelled import leaves the text there to fix or retry.
                if (outcome !== 'ok') {
                  setHasText(/\S/.test(ta.value));
                  return;
                }
                // Emptying a textarea that holds a pasted dump costs Chromium 3–5 ms for 1,000 lines; done when idle it
                // follows the frame that shows the result instead of delaying it. Not if the user has typed since.
                whenIdle(() => {
                  if (edits.current === at) ta.value = '';
                });
              });
            }}
          >
            Import
          </button>
          <label className="import-file">
            or choose a file{' '}
            <input
              type="file"
              data-testid="import-file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) onSubmit(f, f.name);
                e.target.value = '';
              }}
            />
          </label>
        </div>
      </div>
      {busy && (
        <div className="import-busy" data-testid="import-progress" role="status">
          {busy.progress?.phase === 'reading' ? 'Reading' : 'Parsing'} {busy.label}
          {busy.progress?.onPage ? ' on this page' : ''}…{' '}
          <progress max={100} value={progressPct ?? undefined} aria-label={`Parsing ${busy.label}`} />
          {progressPct !== null && ` ${progressPct}%`}{' '}
          <button type="button" data-testid="import-cancel" onClick={props.onCancel}>
            Cancel
          </button>
          {busy.progress?.onPage && <small data-testid="import-on-page"> The import worker is not used: {busy.progress.onPage}.</small>}
        </div>
      )}
    </>
  );
}
