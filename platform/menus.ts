/**
 * The background's context-menu entries and keyboard commands: save the selection as an incident, pause or
 * resume highlighting on the site or everywhere, and move through a page's mentions.
 */
import { browser } from 'wxt/browser';
import { withSitePaused } from '../lib/settings';
import type { SettingsAccess } from '../lib/settings-service';
import { askTab } from './messaging';

/** Context-menu entry and command name for "save the selection as an incident". */
const SAVE_MENU_ID = 'apt-lens-save-incident';
const SAVE_COMMAND = 'save-incident';

/** Context-menu entries that pause or resume highlighting (the popup has the same switches). */
const PAUSE_SITE_MENU_ID = 'apt-lens-pause-site';
const PAUSE_ALL_MENU_ID = 'apt-lens-pause-everywhere';

/** Creates the context-menu entries (on install and update). */
export function createMenus(): void {
  browser.contextMenus.create({ id: SAVE_MENU_ID, title: 'Save as incident', contexts: ['selection'] });
  browser.contextMenus.create({
    id: PAUSE_SITE_MENU_ID,
    title: 'Pause or resume APT Lens on this site',
    contexts: ['page'],
  });
  browser.contextMenus.create({
    id: PAUSE_ALL_MENU_ID,
    title: 'Pause or resume APT Lens everywhere',
    contexts: ['page'],
  });
}

/** Flips "paused" for the page's site, or everywhere; every tab's content script follows the stored change. */
function togglePause(
  settings: SettingsAccess,
  menuItemId: string | number,
  pageUrl: string | undefined,
): Promise<unknown> | undefined {
  if (menuItemId === PAUSE_ALL_MENU_ID) {
    return settings.change((s) => ({ ...s, pausedEverywhere: !s.pausedEverywhere }));
  }
  if (menuItemId !== PAUSE_SITE_MENU_ID || !pageUrl) return undefined;
  let host: string;
  try {
    host = new URL(pageUrl).hostname;
  } catch {
    return undefined;
  }
  return settings.change((s) => withSitePaused(s, host, !s.pausedSites.includes(host)));
}

/** Asks the tab's content script to open the capture form on the current selection. */
function openCapture(tabId: number, frameId?: number): void {
  // No content script there (a browser page, the store): nothing to capture.
  askTab(tabId, { type: 'capture:open' }, frameId).catch(() => undefined);
}

/** Follows clicks on the context-menu entries and the keyboard commands. */
export function followMenusAndCommands(settings: SettingsAccess): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === SAVE_MENU_ID && tab?.id !== undefined) openCapture(tab.id, info.frameId);
    void togglePause(settings, info.menuItemId, info.pageUrl ?? tab?.url);
  });
  // Keyboard shortcuts move through the mentions of the tab they were pressed in, or save the selection.
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === SAVE_COMMAND && tab?.id !== undefined) openCapture(tab.id);
    const direction = command === 'next-mention' ? 1 : command === 'previous-mention' ? -1 : 0;
    if (direction && tab?.id !== undefined) {
      // No content script there (a browser page, the store): nothing to move through.
      askTab(tab.id, { type: 'page:navigate', direction }).catch(() => undefined);
    }
  });
}
