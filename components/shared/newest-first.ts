import { afterPaint } from '../after-paint';

/**
 * Reads a long list the way the dashboard's views do: the newest `count` rows first, painted, then the whole
 * store (filters and counts need all of it). `first` is skipped when absent or when the view opens filtered;
 * `live()` turns false when the view went away meanwhile. An error of the first read is left to the whole
 * read, which reports it.
 */
export async function newestThenAll<P>(opts: {
  first: ((count: number) => Promise<P>) | undefined;
  count: number;
  filtered: boolean;
  live(): boolean;
  preview(p: P): void;
  all(): Promise<unknown>;
}): Promise<void> {
  if (opts.first && !opts.filtered) {
    try {
      const p = await opts.first(opts.count);
      if (opts.live()) opts.preview(p);
      await afterPaint();
    } catch {
      // The full read below reports the error.
    }
  }
  if (opts.live()) await opts.all();
}
