/**
 * The background's side of the settings messages, kept here so it runs in Node against fake-indexeddb. The
 * background is the only reader and writer of the settings: extension pages get and replace them whole; a
 * content script gets its own site's view and changes only what its card offers, for its own site.
 */

import type { ResponseOf, SettingsRequest } from './protocol/runtime';
import { senderHost } from './protocol/sender';
import { normalizeSettings, pageView, type Settings, withNotOnSite, withWatched } from './settings';

/** The stored settings as the background reaches them. */
export interface SettingsAccess {
  read(): Promise<Settings>;
  /** Applies a change atomically, stores it, tells every part, and returns the result. */
  change(change: (s: Settings) => Settings): Promise<Settings>;
}

/** Runs one authorized settings request; `senderUrl` is the browser's URL of the sender. */
export async function handleSettingsRequest(
  req: SettingsRequest,
  senderUrl: string | undefined,
  store: SettingsAccess,
): Promise<ResponseOf[SettingsRequest['type']]> {
  const host = senderHost(senderUrl);
  switch (req.type) {
    case 'settings:get':
      return store.read();
    case 'settings:put':
      return store.change(() => normalizeSettings(req.settings));
    case 'settings:page':
      return pageView(await store.read(), host);
    case 'settings:watch':
      return pageView(await store.change((s) => withWatched(s, req.id, req.watched)), host);
    case 'settings:not-on-site':
      if (!host) throw new Error('apt-lens: this page has no site');
      return pageView(await store.change((s) => withNotOnSite(s, host, req.id)), host);
  }
}
