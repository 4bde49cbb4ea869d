/** The overlay's compiled matcher in extension storage: the background writes it, tabs read and follow it. */
import { browser } from 'wxt/browser';
import type { Compiled } from '../lib/match/compile';
import { encodePrefilter, OVERLAY_PREFILTER_KEY, prefilterKeys } from '../lib/match/prefilter';
import { loadOverlayTables, OVERLAY_MATCHER_KEY, type OverlayMatcherFile } from '../lib/overlay/matcher';

/** Stores the compiled matcher and its names' prefilter keys for every tab (null: the overlay has no names). */
export async function publishOverlayMatcher(file: OverlayMatcherFile | null): Promise<void> {
  if (file) {
    const names = file.names.split('\n').map((line) => line.slice(0, line.indexOf('\t')));
    await browser.storage.local.set({
      [OVERLAY_MATCHER_KEY]: file,
      [OVERLAY_PREFILTER_KEY]: encodePrefilter(prefilterKeys(names)),
    });
  } else await browser.storage.local.remove([OVERLAY_MATCHER_KEY, OVERLAY_PREFILTER_KEY]);
}

/** Reads the matcher's tables with the request sent at once (it travels while the page is read); undefined: none. */
export function readOverlayMatcherNow(): Promise<Compiled | undefined> {
  return browser.storage.local.get(OVERLAY_MATCHER_KEY).then(
    (got) => loadOverlayTables(got[OVERLAY_MATCHER_KEY]),
    () => undefined,
  );
}

/** Calls `fn` with the new matcher whenever the reader's KB changes; returns the unsubscribe. */
export function watchOverlayMatcher(fn: (m: Compiled | undefined) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && OVERLAY_MATCHER_KEY in changes)
      fn(loadOverlayTables(changes[OVERLAY_MATCHER_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
