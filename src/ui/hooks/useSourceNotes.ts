/**
 * The sources' notes for a view that shows them (the inspector): loads them on first use if the idle-time preload
 * (main.tsx) has not yet, and renders again once they are there. Returns whether they are loaded, and the error when
 * the load failed (said in the view, with the rest of the citation still shown).
 */
import { useEffect, useState } from 'react';
import { loadSourceNotes, sourceNotesLoaded } from '../../model/source-notes';

export function useSourceNotes(): { ready: boolean; error: string | null } {
  const [ready, setReady] = useState(sourceNotesLoaded);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (ready) return;
    let live = true;
    loadSourceNotes().then(
      () => live && setReady(true),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [ready]);
  return { ready, error };
}
