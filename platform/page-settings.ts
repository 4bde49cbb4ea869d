/**
 * The settings as a content script sees them: its own site's view (`pageView`), asked of the background,
 * which keeps the settings where content scripts cannot read them. Its only changes are its card's: an
 * entity's star, and "not this entity on this site" (the background takes the site from the sender).
 */
import { browser } from 'wxt/browser';
import { isExtensionSender, isSettingsChanged, type Request, type SenderInfo } from '../lib/protocol';
import { normalizeSettings, type Settings } from '../lib/settings';

function ask(req: Request): Promise<Settings> {
  return browser.runtime.sendMessage(req).then(normalizeSettings);
}

// The first stage reads the settings too, without this module's protocol checks (its schemas weigh kilobytes).
export { readSettingsNow } from './page-settings-read';

/** Calls `fn` with this page's new view whenever the settings change; returns the unsubscribe. */
export function watchSettings(fn: (s: Settings) => void): () => void {
  const listener = (msg: unknown, sender: SenderInfo) => {
    if (
      !isSettingsChanged(msg) ||
      !isExtensionSender(sender, browser.runtime.id, browser.runtime.getURL('/'))
    )
      return undefined;
    void ask({ type: 'settings:page' }).then(fn, () => undefined);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** Stars or unstars an entity (the card's star); answers this page's new view. */
export function setWatched(id: string, watched: boolean): Promise<Settings> {
  return ask({ type: 'settings:watch', id, watched });
}

/** "Not this entity on this site" for this page's site; answers this page's new view. */
export function notOnThisSite(id: string): Promise<Settings> {
  return ask({ type: 'settings:not-on-site', id });
}
