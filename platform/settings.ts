/** The settings item in extension storage, shared by the content script, popup and background. */
import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../lib/settings';

const item = storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS });

/** Reads the settings, repaired into a valid shape. */
export async function readSettings(): Promise<Settings> {
  return normalizeSettings(await item.getValue());
}

/** Applies a change to the settings (read, change, write). */
export async function updateSettings(change: (s: Settings) => Settings): Promise<Settings> {
  const next = change(await readSettings());
  await item.setValue(next);
  return next;
}

/** Calls `fn` whenever the settings change in any part of the extension; returns the unsubscribe. */
export function watchSettings(fn: (s: Settings) => void): () => void {
  return item.watch((v) => fn(normalizeSettings(v)));
}
