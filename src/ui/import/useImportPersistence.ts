/** ImportStore (importStore.ts) for the import panel: what to show about saving, and what another tab saved. */
import { useCallback, useEffect, useState } from 'react';
import { openLocalStorage, type StorageFault } from '../storage/storageFault';
import { ImportStore, type Elsewhere, type ImportSaveProblem } from './importStore';
import type { StoredImports } from './importStorage';

export interface ImportPersistence {
  /** Why the imports are not (all) saved; null when they are or there is nothing to save. */
  problem: ImportSaveProblem | null;
  /** Slots another tab imported, changed or removed after this one. */
  elsewhere: Elsewhere | null;
  retry: () => void;
  dismissElsewhere: () => void;
}

/**
 * @param storage where imports persist (null: nowhere)
 * @param blocked why there is no storage, when it is blocked: said as soon as there is something to save
 * @param initial what storage held when the panel loaded
 * @param value what the panel holds now; null while it is busy (nothing is written mid-import)
 */
export function useImportPersistence(storage: Storage | null, blocked: StorageFault | null, initial: StoredImports, value: StoredImports | null): ImportPersistence {
  const [problem, setProblem] = useState<ImportSaveProblem | null>(null);
  const [elsewhere, setElsewhere] = useState<Elsewhere | null>(null);
  const [store] = useState(
    () => new ImportStore({ storage, blocked, reopen: blocked ? openLocalStorage : undefined, initial, onProblem: setProblem, onElsewhere: setElsewhere }),
  );
  useEffect(() => {
    const stop = store.listen();
    return () => {
      stop();
      store.flush();
    };
  }, [store]);
  useEffect(() => {
    if (value) store.update(value);
  }, [value, store]);
  return { problem, elsewhere, retry: useCallback(() => store.retry(), [store]), dismissElsewhere: useCallback(() => setElsewhere(null), []) };
}
