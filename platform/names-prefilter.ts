/**
 * The prefilter a frame's first stage asks (lib/match/prefilter.ts), from extension storage: the bundled
 * names' keys, which the background stores on install and update (so the first stage's script does not carry
 * them), and the reader's own names' keys, which it stores beside the overlay's matcher (./overlay.ts). Kept
 * apart from ./overlay.ts so the first stage never bundles the matcher.
 */
import { browser } from 'wxt/browser';
import { decodePrefilter, OVERLAY_PREFILTER_KEY, Prefilter } from '../lib/match/prefilter';
import { BUNDLED_PREFILTER, BUNDLED_PREFILTER_ID } from '../lib/match/prefilter-bundled';

/** Where the bundled names' keys are stored: `{ id, keys }`, `id` naming the version of the keys. */
const BUNDLED_PREFILTER_KEY = 'bundledPrefilter';

/** What the first stage asks; "maybe" for every text when the stored keys are missing or from another version. */
export type NamesPrefilter = Pick<Prefilter, 'mayName'>;

const UNKNOWN: NamesPrefilter = { mayName: () => true };

/** Stores the bundled names' keys for every frame (the background, on install and update). */
export async function publishBundledPrefilter(): Promise<void> {
  await browser.storage.local.set({
    [BUNDLED_PREFILTER_KEY]: { id: BUNDLED_PREFILTER_ID, keys: BUNDLED_PREFILTER },
  });
}

/** The prefilter over the bundled names and the reader's own as stored now. */
export async function readNamesPrefilter(): Promise<NamesPrefilter> {
  const got = await browser.storage.local
    .get([BUNDLED_PREFILTER_KEY, OVERLAY_PREFILTER_KEY])
    .catch(() => ({}) as Record<string, unknown>);
  const stored = got[BUNDLED_PREFILTER_KEY] as { id?: unknown; keys?: unknown } | undefined;
  // Keys of another version (an update not yet republished) could miss a new name: then no "no" at all.
  const bundled = stored?.id === BUNDLED_PREFILTER_ID ? decodePrefilter(stored.keys) : undefined;
  if (!bundled) return UNKNOWN;
  const ours = decodePrefilter(got[OVERLAY_PREFILTER_KEY]);
  return new Prefilter(ours ? [bundled, ours] : [bundled]);
}

/** Calls `fn` whenever the reader's names (or the stored bundled keys) change; returns the unsubscribe. */
export function watchNamesPrefilter(fn: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && (OVERLAY_PREFILTER_KEY in changes || BUNDLED_PREFILTER_KEY in changes)) fn();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
