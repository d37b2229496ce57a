/**
 * What the import panel says about keeping the user's imports: storage refusing them, imports set aside at load,
 * another tab's newer imports, and an import that did not go through (with a way to try it again). Each offers the
 * imported texts as files, so nothing depends on the browser's storage.
 */
import { download } from '../share/clipboard';
import { faultSentence } from '../storage/storageFault';
import { KINDS, type SlotKind } from './importMerge';
import type { ImportSaveProblem } from './importStore';
import type { StoredImports } from './importStorage';
import { storedTexts, type ImportText } from './importTexts';

const KIND_LABEL: Record<SlotKind, string> = { iomem: '/proc/iomem', maps: 'smaps/maps', trace: 'trace', cxl: 'cxl list', bundle: 'machine bundle' };

function fileName(t: ImportText): string {
  const base = t.name === 'pasted text' || t.name.startsWith('pasted text (') ? `hdm-atlas-${t.kind}` : t.name.replace(/[^\w.-]+/g, '_').slice(0, 80);
  return /\.\w{1,5}$/.test(base) ? base : `${base}.txt`;
}

/** One button per text: saves it as a file that can be imported again. */
export function DownloadTexts({ texts }: { texts: ImportText[] }) {
  return (
    <>
      {texts.map((t) => (
        <button key={t.kind} type="button" data-testid={`import-download-${t.kind}`} onClick={() => download(fileName(t), new Blob([t.text], { type: 'text/plain' }))}>
          Download {KIND_LABEL[t.kind]} ({t.name})
        </button>
      ))}
    </>
  );
}

export function SaveProblemNotice({ problem, texts, onRetry }: { problem: ImportSaveProblem; texts: ImportText[]; onRetry: () => void }) {
  const holds =
    problem.holds === 'names'
      ? ' Storage now keeps only their names, so a reload says they were not kept instead of showing an older import.'
      : problem.holds === 'before'
        ? ' Storage still holds what was saved before: a reload would show that.'
        : '';
  return (
    <div className="import-notice" role="alert" data-testid="import-save-problem" data-fault={problem.fault.kind}>
      <p>
        {faultSentence('Your imports are', problem.fault)}
        {holds} They stay on this page until it is closed{problem.fault.kind === 'blocked' ? '' : '; saving is tried again when space may have freed'}.
      </p>
      <div className="import-notice-actions">
        <button type="button" data-testid="import-save-retry" onClick={onRetry}>
          {problem.fault.kind === 'blocked' ? 'Try again (after allowing site data)' : 'Try saving again'}
        </button>
        <DownloadTexts texts={texts} />
      </div>
    </div>
  );
}

export function SetAsideNotice({ reason, value, onRestore, onDiscard }: { reason: string; value: StoredImports; onRestore: () => void; onDiscard: () => void }) {
  const texts = storedTexts(value);
  return (
    <div className="import-notice" role="alert" data-testid="import-set-aside">
      <p>
        Your saved imports ({texts.map((t) => `${KIND_LABEL[t.kind]}: ${t.name}`).join('; ')}) were not restored: {reason}. They are still saved.
      </p>
      <div className="import-notice-actions">
        <button type="button" data-testid="import-restore-retry" onClick={onRestore}>
          Restore them now
        </button>
        <DownloadTexts texts={texts} />
        <button type="button" data-testid="import-restore-discard" onClick={onDiscard}>
          Discard them
        </button>
      </div>
    </div>
  );
}

export function ElsewhereNotice({ kinds, value, onShow, onDismiss }: { kinds: SlotKind[]; value: StoredImports; onShow: () => void; onDismiss: () => void }) {
  const what = kinds.map((k) => (value[k] ? `${KIND_LABEL[k]} "${value[k].name}"` : `removed ${KIND_LABEL[k]}`)).join('; ');
  return (
    <div className="import-notice" role="status" data-testid="import-elsewhere">
      <p>Another tab saved newer imports: {what}. This tab still shows its own; a reload would show the other tab&apos;s.</p>
      <div className="import-notice-actions">
        <button type="button" data-testid="import-elsewhere-show" onClick={onShow}>
          Show them here
        </button>
        <button type="button" onClick={onDismiss}>
          Keep this tab&apos;s
        </button>
      </div>
    </div>
  );
}

/** Stored slots that were not kept because storage was full when they were imported (and not imported again since). */
export function NotKeptNotice({ value, imported, onForget }: { value: StoredImports; imported: readonly SlotKind[]; onForget: (k: SlotKind) => void }) {
  const lost = KINDS.filter((k) => value[k]?.why === 'storage-full' && !imported.includes(k));
  if (lost.length === 0) return null;
  return (
    <div className="import-notice" data-testid="import-not-kept">
      <p>
        Not restored: {lost.map((k) => `${KIND_LABEL[k]} "${value[k]!.name}"`).join('; ')}. The browser&apos;s storage was full when
        {lost.length === 1 ? ' it was' : ' they were'} imported, so only the name was kept; import {lost.length === 1 ? 'it' : 'them'} again to apply.
      </p>
      <div className="import-notice-actions">
        {lost.map((k) => (
          <button key={k} type="button" onClick={() => onForget(k)}>
            Forget {KIND_LABEL[k]} &quot;{value[k]!.name}&quot;
          </button>
        ))}
      </div>
    </div>
  );
}
