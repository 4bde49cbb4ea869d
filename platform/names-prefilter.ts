/**
 * The prefilter a frame's first stage asks (lib/match/prefilter.ts): the bundled names' keys, shipped in the
 * script, and the reader's own names' keys, which the background stores beside the overlay's matcher
 * (./overlay.ts). Kept apart from ./overlay.ts so the first stage never bundles the matcher.
 */
import { browser } from 'wxt/browser';
import {
  decodePrefilter,
  OVERLAY_PREFILTER_KEY,
  Prefilter,
  type PrefilterKeys,
} from '../lib/match/prefilter';
import { BUNDLED_PREFILTER } from '../lib/match/prefilter-bundled';

let bundled: PrefilterKeys | undefined;

/** The prefilter over the bundled names and the reader's own as stored now (the bundled ones if unreadable). */
export async function readNamesPrefilter(): Promise<Prefilter> {
  bundled ??= decodePrefilter(BUNDLED_PREFILTER)!;
  const got = await browser.storage.local
    .get(OVERLAY_PREFILTER_KEY)
    .catch(() => ({}) as Record<string, unknown>);
  const ours = decodePrefilter(got[OVERLAY_PREFILTER_KEY]);
  return new Prefilter(ours ? [bundled, ours] : [bundled]);
}

/** Calls `fn` whenever the reader's names change; returns the unsubscribe. */
export function watchNamesPrefilter(fn: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && OVERLAY_PREFILTER_KEY in changes) fn();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
