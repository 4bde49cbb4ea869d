/**
 * The background's settings: its own IndexedDB database (`lib/settings-db.ts`), out of content scripts'
 * reach. An older version kept them in `storage.local`, which every content script can read and write:
 * they move here on first use and leave `storage.local`. Every change is posted to extension pages on a
 * BroadcastChannel and announced to every tab's frames, which ask again for their own view.
 */
import { browser } from 'wxt/browser';
import { lazyOpen } from '../lib/lazy-open';
import { SETTINGS_CHANGED } from '../lib/protocol';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../lib/settings';
import {
  changeSettings,
  loadSettings,
  openSettingsDb,
  SETTINGS_CHANNEL,
  type SettingsDb,
} from '../lib/settings-db';
import type { SettingsAccess } from '../lib/settings-service';

/** Where an older version kept the settings (WXT's `local:settings`). */
const LEGACY_KEY = 'settings';

async function openAndMigrate(): Promise<SettingsDb> {
  const d = await openSettingsDb();
  const legacy = (await browser.storage.local.get(LEGACY_KEY))[LEGACY_KEY];
  if (legacy !== undefined) {
    if ((await loadSettings(d)) === undefined)
      await changeSettings(
        d,
        () => normalizeSettings(legacy),
        () => DEFAULT_SETTINGS,
      );
    await browser.storage.local.remove(LEGACY_KEY);
  }
  return d;
}

/** One connection for the background's life; reopened if opening failed. */
const settingsDb = lazyOpen(openAndMigrate);

const channel = new BroadcastChannel(SETTINGS_CHANNEL);

/** Tells extension pages the new settings, and every tab's frames to ask again for theirs. */
async function announce(next: Settings): Promise<void> {
  channel.postMessage(next);
  let tabs: { id?: number }[] = [];
  try {
    tabs = await browser.tabs.query({});
  } catch {
    return;
  }
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    // A tab without the content script (a browser page, the store) has no one to tell.
    try {
      browser.tabs.sendMessage(tab.id, SETTINGS_CHANGED).catch(() => undefined);
    } catch {
      // The same, thrown rather than rejected.
    }
  }
}

/** The background's access to the settings, for its handlers and its own menus. */
export const backgroundSettings: SettingsAccess = {
  async read() {
    return (await loadSettings(await settingsDb())) ?? DEFAULT_SETTINGS;
  },
  async change(change) {
    const next = await changeSettings(await settingsDb(), change, () => DEFAULT_SETTINGS);
    void announce(next);
    return next;
  },
};

/** Starts the settings store at once (the move out of `storage.local` should not wait for a message). */
export function openBackgroundSettings(): void {
  void settingsDb().catch(() => undefined);
}
