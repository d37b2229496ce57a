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

/**
 * Before loading a lazy chunk again: take out stylesheet links that failed to load, so Vite's preload helper adds
 * them anew instead of taking their presence for success.
 */
export function dropFailedStylesheets(): void {
  if (typeof document === 'undefined') return;
  for (const l of document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')) {
    if (l.sheet === null) l.remove();
  }
}
