/** The settings as the page's first stage reads them (./page-settings.ts has the rest of the page's settings). */
import { browser } from 'wxt/browser';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../lib/settings';

/** This page's view of the settings, with the request sent before this call returns (it travels while the page is read). */
export function readSettingsNow(): Promise<Settings> {
  // No answer (the extension was reloaded under the page): the defaults, as on a fresh install.
  return browser.runtime
    .sendMessage({ type: 'settings:page' })
    .then(normalizeSettings)
    .catch(() => DEFAULT_SETTINGS);
}
