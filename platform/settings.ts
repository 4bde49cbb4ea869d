/**
 * The settings as extension pages (popup, dashboard) see them: the whole settings, read and written through
 * the background (their only keeper), and followed on its BroadcastChannel.
 */
import { browser } from 'wxt/browser';
import type { Request } from '../lib/protocol';
import { normalizeSettings, type Settings } from '../lib/settings';
import { SETTINGS_CHANNEL } from '../lib/settings-db';

/** Reads the settings. */
export async function readSettings(): Promise<Settings> {
  const req: Request = { type: 'settings:get' };
  return normalizeSettings(await browser.runtime.sendMessage(req));
}

/** Applies a change to the settings (read, change, write whole) and returns what was stored. */
export async function updateSettings(change: (s: Settings) => Settings): Promise<Settings> {
  const req: Request = { type: 'settings:put', settings: normalizeSettings(change(await readSettings())) };
  return normalizeSettings(await browser.runtime.sendMessage(req));
}

/** Calls `fn` whenever the settings change in any part of the extension; returns the unsubscribe. */
export function watchSettings(fn: (s: Settings) => void): () => void {
  const channel = new BroadcastChannel(SETTINGS_CHANNEL);
  channel.onmessage = (e: MessageEvent) => fn(normalizeSettings(e.data));
  return () => channel.close();
}
