/**
 * A table the page loads after first paint (the source registry, the sources' notes): looked up synchronously once
 * loaded (undefined before), loaded once however often it is asked for, and asked again after a failed load (a
 * network drop). `load` holds the dynamic import, so each table stays a chunk of its own.
 */
export interface LazyTable<V> {
  /** The entry of `id` once loaded; undefined before, or when the table has none. */
  get(id: string): V | undefined;
  loaded(): boolean;
  /** Load the table (once). A failed load can be retried by calling again. */
  load(): Promise<Readonly<Record<string, V>>>;
}

export function lazyTable<V>(load: () => Promise<Readonly<Record<string, V>>>): LazyTable<V> {
  let table: Readonly<Record<string, V>> | null = null;
  let loading: Promise<Readonly<Record<string, V>>> | null = null;
  return {
    get: (id) => table?.[id],
    loaded: () => table !== null,
    load: () =>
      (loading ??= load().then(
        (t) => (table = t),
        (e: unknown) => {
          loading = null;
          throw e;
        },
      )),
  };
}
