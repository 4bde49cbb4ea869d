/** One connection (a database, a store) for a background's life, opened on first use. */

/** `open`, run once and shared; when it fails, the next call tries again instead of keeping the failure. */
export function lazyOpen<T>(open: () => Promise<T>): () => Promise<T> {
  let opened: Promise<T> | undefined;
  return () => {
    opened ??= open().catch((e: unknown) => {
      opened = undefined;
      throw e;
    });
    return opened;
  };
}
