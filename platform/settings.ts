/** The settings item in extension storage, shared by the content script, popup and background. */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../lib/settings';

/** The key in `storage.local` (WXT's `local:settings`). */
const SETTINGS_KEY = 'settings';
const item = storage.defineItem<Settings>(`local:${SETTINGS_KEY}`, { fallback: DEFAULT_SETTINGS });

/** Reads the settings, repaired into a valid shape. */
export async function readSettings(): Promise<Settings> {
  return normalizeSettings(await item.getValue());
}

/**
 * Reads the settings with the request sent before this call returns. WXT's storage item queues its read
 * behind promises, so a content script that reads and then scans a page synchronously would send the
 * request only after the scan and wait a whole round trip more; this one travels while the page is read.
 */
export function readSettingsNow(): Promise<Settings> {
  return browser.storage.local
    .get(SETTINGS_KEY)
    .then((got) => normalizeSettings(got[SETTINGS_KEY] ?? DEFAULT_SETTINGS));
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
