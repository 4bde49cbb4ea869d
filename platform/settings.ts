/**
 * The settings as extension pages (popup, dashboard) see them: the whole settings, read through the
 * background (their only keeper), changed by sending a change as data that the background applies inside
 * its one write, and followed on its BroadcastChannel.
 */
import { normalizeSettings, type Settings } from '../lib/settings';
import type { SettingsChange } from '../lib/settings-change';
import { SETTINGS_CHANNEL } from '../lib/settings-db';
import { send } from './messaging';

/** Reads the settings. */
export async function readSettings(): Promise<Settings> {
  return normalizeSettings(await send({ type: 'settings:get' }));
}

/** Applies a change to the stored settings (in the background's one write) and returns what was stored. */
export async function updateSettings(change: SettingsChange): Promise<Settings> {
  return normalizeSettings(await send({ type: 'settings:change', change }));
}

/** Calls `fn` whenever the settings change in any part of the extension; returns the unsubscribe. */
export function watchSettings(fn: (s: Settings) => void): () => void {
  const channel = new BroadcastChannel(SETTINGS_CHANNEL);
  channel.onmessage = (e: MessageEvent) => fn(normalizeSettings(e.data));
  return () => channel.close();
}
