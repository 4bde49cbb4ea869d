/**
 * Where the reader's settings live: the background's own IndexedDB database (`apt-lens-settings`) on the
 * extension's origin. Unlike `storage.local`, which every content script can read and write in both
 * browsers, a content script's IndexedDB is the page's: it cannot open this one. Only the background opens
 * it; extension pages and content scripts go through the background's messages.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { normalizeSettings, type Settings } from './settings';

/** The database's name. */
export const SETTINGS_DB_NAME = 'apt-lens-settings';

/** BroadcastChannel on which the background posts the new settings after each change (extension pages). */
export const SETTINGS_CHANNEL = 'apt-lens-settings';

/** v1: one store, `settings`, holding one record under the key `settings`. */
export const SETTINGS_DB_VERSION = 1;

const KEY = 'settings';

interface SettingsSchema extends DBSchema {
  settings: { key: string; value: unknown };
}

/** The typed handle the functions below take. */
export type SettingsDb = IDBPDatabase<SettingsSchema>;

/** Opens (and creates) the settings database; `name` is a seam for tests. */
export function openSettingsDb(name = SETTINGS_DB_NAME): Promise<SettingsDb> {
  return openDB<SettingsSchema>(name, SETTINGS_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) db.createObjectStore('settings');
    },
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
  });
}

/** The stored settings repaired into a valid shape, or undefined when none were ever stored. */
export async function loadSettings(db: SettingsDb): Promise<Settings | undefined> {
  const raw = await db.get('settings', KEY);
  return raw === undefined ? undefined : normalizeSettings(raw);
}

/**
 * Applies `change` to the stored settings in one transaction (two writers never lose each other's change)
 * and returns the result. `initial` gives the settings when none are stored yet (the defaults, or what an
 * older version kept elsewhere).
 */
export async function changeSettings(
  db: SettingsDb,
  change: (s: Settings) => Settings,
  initial: () => Settings,
): Promise<Settings> {
  const tx = db.transaction('settings', 'readwrite');
  const raw = await tx.store.get(KEY);
  const next = normalizeSettings(change(raw === undefined ? initial() : normalizeSettings(raw)));
  await tx.store.put(next, KEY);
  await tx.done;
  return next;
}
