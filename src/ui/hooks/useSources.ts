/**
 * The source registry for a view that shows citations: loads it on first use if the idle-time preload (main.tsx) has
 * not yet, and renders again once it is there. Returns whether it is loaded. A failed load leaves the view showing
 * source ids, and the next view that needs the registry tries again.
 */
import { useEffect, useState } from 'react';
import { loadSources, sourcesLoaded } from '../../model/source-registry';

export function useSources(): boolean {
  const [ready, setReady] = useState(sourcesLoaded);
  useEffect(() => {
    if (ready) return;
    let live = true;
    loadSources().then(
      () => live && setReady(true),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [ready]);
  return ready;
}
