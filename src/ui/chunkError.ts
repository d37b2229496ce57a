/**
 * Lazy chunks (the import panel's JS and CSS) that fail to load: what the browser says, and what it means. Chromium
 * rejects a dynamic import with "Failed to fetch dynamically imported module: URL"; Vite's preload helper rejects with
 * "Unable to preload CSS for URL" when the chunk's stylesheet fails.
 */

/** A sentence about a chunk that did not load, or null when `e` is some other error. */
export function chunkError(e: Error): string | null {
  const m = /^(?:Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|Unable to preload CSS for)\b:?\s*(\S*)/.exec(e.message);
  if (!m) return null;
  const file = m[1] ? m[1].replace(/^.*\//, '') : 'a file';
  return `${file} did not download (the network is down, or the site was updated since this page was opened: then reload the page).`;
}

/** Stylesheet links that fired `error` (Chromium still gives a failed one an empty `sheet`, so that cannot tell). */
const failedLinks = new Set<HTMLLinkElement>();
if (typeof document !== 'undefined') {
  document.addEventListener(
    'error',
    (e) => {
      if (e.target instanceof HTMLLinkElement && e.target.rel === 'stylesheet') failedLinks.add(e.target);
    },
    true,
  );
}

/**
 * Before loading a lazy chunk again: load anew the stylesheets that failed. Vite's preload helper remembers a CSS file
 * it tried, failed or not, and will not add it again, so the retry replaces each failed <link> with a fresh one and
 * waits for it. Rejects, like the helper, when one fails again.
 */
export function reloadFailedStylesheets(): Promise<void> {
  const failed = [...failedLinks].filter((l) => l.isConnected);
  failedLinks.clear();
  return Promise.all(
    failed.map(
      (l) =>
        new Promise<void>((resolve, reject) => {
          const fresh = l.cloneNode() as HTMLLinkElement;
          fresh.addEventListener('load', () => resolve());
          fresh.addEventListener('error', () => reject(new Error(`Unable to preload CSS for ${l.href}`)));
          l.replaceWith(fresh);
        }),
    ),
  ).then(() => undefined);
}
