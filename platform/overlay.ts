/** The overlay's compiled matcher in extension storage: the background writes it, tabs read and follow it. */
import { browser } from 'wxt/browser';
import type { Matcher } from '../lib/match/find-mentions';
import { loadOverlayMatcher, OVERLAY_MATCHER_KEY, type OverlayMatcherFile } from '../lib/overlay/matcher';

/** Stores the compiled matcher for every tab (null: the overlay has no names). */
export async function publishOverlayMatcher(file: OverlayMatcherFile | null): Promise<void> {
  if (file) await browser.storage.local.set({ [OVERLAY_MATCHER_KEY]: file });
  else await browser.storage.local.remove(OVERLAY_MATCHER_KEY);
}

/** Reads the matcher with the request sent at once (it travels while the page is read); undefined: none. */
export function readOverlayMatcherNow(): Promise<Matcher | undefined> {
  return browser.storage.local.get(OVERLAY_MATCHER_KEY).then(
    (got) => loadOverlayMatcher(got[OVERLAY_MATCHER_KEY]),
    () => undefined,
  );
}

/** Calls `fn` with the new matcher whenever the reader's KB changes; returns the unsubscribe. */
export function watchOverlayMatcher(fn: (m: Matcher | undefined) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && OVERLAY_MATCHER_KEY in changes)
      fn(loadOverlayMatcher(changes[OVERLAY_MATCHER_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
