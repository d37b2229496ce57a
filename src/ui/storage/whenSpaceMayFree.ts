/**
 * Storage gives no event when space frees. What can free it: another tab of this site removing data (a `storage`
 * event here), the user clearing data in another window (then coming back: `visibilitychange`), or time. A save that
 * failed is retried on each of these until it succeeds.
 */
export function whenSpaceMayFree(retry: () => void, everyMs = 20_000): () => void {
  if (typeof window === 'undefined') return () => {};
  const onVisible = () => {
    if (document.visibilityState === 'visible') retry();
  };
  window.addEventListener('storage', retry);
  document.addEventListener('visibilitychange', onVisible);
  const t = setInterval(retry, everyMs);
  return () => {
    window.removeEventListener('storage', retry);
    document.removeEventListener('visibilitychange', onVisible);
    clearInterval(t);
  };
}
