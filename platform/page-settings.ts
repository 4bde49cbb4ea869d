/**
 * The settings as a content script sees them: its own site's view (`pageView`), asked of the background,
 * which keeps the settings where content scripts cannot read them. Its only changes are its card's: an
 * entity's star, and "not this entity on this site" (the background takes the site from the sender).
 */
import { browser } from 'wxt/browser';
import { isExtensionSender, isSettingsChanged, type SenderInfo } from '../lib/protocol';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../lib/settings';
import { send } from './messaging';

/** This page's view, repaired (the answer crosses from the background like any message). */
const pageView = (): Promise<Settings> => send({ type: 'settings:page' }).then(normalizeSettings);

/** This page's view of the settings, with the request sent before this call returns (it travels while the page is read). */
export function readSettingsNow(): Promise<Settings> {
  // No answer (the extension was reloaded under the page): the defaults, as on a fresh install.
  return pageView().catch(() => DEFAULT_SETTINGS);
}

/** Calls `fn` with this page's new view whenever the settings change; returns the unsubscribe. */
export function watchSettings(fn: (s: Settings) => void): () => void {
  const listener = (msg: unknown, sender: SenderInfo) => {
    if (
      !isSettingsChanged(msg) ||
      !isExtensionSender(sender, browser.runtime.id, browser.runtime.getURL('/'))
    )
      return undefined;
    void pageView().then(fn, () => undefined);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** Stars or unstars an entity (the card's star); answers this page's new view. */
export function setWatched(id: string, watched: boolean): Promise<Settings> {
  return send({ type: 'settings:watch', id, watched }).then(normalizeSettings);
}

/** "Not this entity on this site" for this page's site; answers this page's new view. */
export function notOnThisSite(id: string): Promise<Settings> {
  return send({ type: 'settings:not-on-site', id }).then(normalizeSettings);
}
