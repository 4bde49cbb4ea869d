/**
 * The background's side of the settings messages, kept here so it runs in Node against fake-indexeddb. The
 * background is the only reader and writer of the settings, and every write is a change applied inside the
 * store's one transaction (`SettingsAccess.change`): extension pages send a change as data, a content
 * script gets its own site's view and changes only what its card offers, for its own site.
 */

import type { HandlerTable } from './protocol/handlers';
import type { SettingsRequest } from './protocol/runtime';
import { senderHost } from './protocol/sender';
import { normalizeSettings, pageView, type Settings, withNotOnSite, withWatched } from './settings';
import { applySettingsChange } from './settings-change';

/** The stored settings as the background reaches them. */
export interface SettingsAccess {
  read(): Promise<Settings>;
  /** Applies a change atomically, stores it, tells every part, and returns the result. */
  change(change: (s: Settings) => Settings): Promise<Settings>;
}

/** The settings messages' handlers; a sender's site is the host of the browser's URL of it. */
export function settingsHandlers(store: SettingsAccess): HandlerTable<SettingsRequest['type']> {
  return {
    'settings:get': () => store.read(),
    'settings:change': (req) => store.change((s) => applySettingsChange(s, req.change)),
    'settings:put': (req) => store.change(() => normalizeSettings(req.settings)),
    'settings:page': async (_req, sender) => pageView(await store.read(), senderHost(sender.url)),
    'settings:watch': async (req, sender) =>
      pageView(await store.change((s) => withWatched(s, req.id, req.watched)), senderHost(sender.url)),
    'settings:not-on-site': async (req, sender) => {
      const host = senderHost(sender.url);
      if (!host) throw new Error('apt-lens: this page has no site');
      return pageView(await store.change((s) => withNotOnSite(s, host, req.id)), host);
    },
  };
}
