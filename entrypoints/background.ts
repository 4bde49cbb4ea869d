import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { CHANGES_CHANNEL, type IncidentsDb, openIncidentsDb } from '../lib/incidents/db';
import { handleIncidentRequest, isWrite } from '../lib/incidents/service';
import { OVERLAY_CHANNEL, openOverlayDb } from '../lib/overlay/db';
import { importIntoOverlay } from '../lib/overlay/import/service';
import { OverlayLookup } from '../lib/overlay/lookup';
import { OverlayService } from '../lib/overlay/service';
import { authorize, parseRequest, type Request, type ResponseOf, senderKind } from '../lib/protocol';
import { withSitePaused } from '../lib/settings';
import { publishOverlayMatcher } from '../platform/overlay';
import { updateSettings } from '../platform/settings';

let db: Promise<IncidentsDb> | undefined;
/** One connection for the worker's life; reopened if opening failed. */
function incidentsDb(): Promise<IncidentsDb> {
  db ??= openIncidentsDb().catch((e: unknown) => {
    db = undefined;
    throw e;
  });
  return db;
}

const changes = new BroadcastChannel(CHANGES_CHANNEL);
const overlayChanges = new BroadcastChannel(OVERLAY_CHANNEL);

const overlay = new OverlayService({
  open: () => openOverlayDb(),
  publish: publishOverlayMatcher,
  announce: () => overlayChanges.postMessage('changed'),
  now: () => new Date().toISOString(),
});

async function handle(req: Request): Promise<ResponseOf[Request['type']]> {
  // A card resolves through the reader's overlay (its own entities, its added names); the KB alone if unreadable.
  if (req.type === 'kb:entity') return (await overlay.lookup().catch(() => new OverlayLookup())).card(req.id);
  if (req.type === 'overlay:write') return overlay.write(req.batch);
  if (req.type === 'overlay:import') return importIntoOverlay(overlay, req.text, req.apply);
  try {
    return await handleIncidentRequest(await incidentsDb(), req);
  } finally {
    // Even a failed write may have been retried elsewhere: open dashboards re-read either way.
    if (isWrite(req)) changes.postMessage('changed');
  }
}

/** Context-menu entry and command name for "save the selection as an incident". */
const SAVE_MENU_ID = 'apt-lens-save-incident';
const SAVE_COMMAND = 'save-incident';

/** Context-menu entries that pause or resume highlighting (the popup has the same switches). */
const PAUSE_SITE_MENU_ID = 'apt-lens-pause-site';
const PAUSE_ALL_MENU_ID = 'apt-lens-pause-everywhere';

/** Flips "paused" for the page's site, or everywhere; every tab's content script follows the stored change. */
function togglePause(menuItemId: string | number, pageUrl: string | undefined): Promise<unknown> | undefined {
  if (menuItemId === PAUSE_ALL_MENU_ID) {
    return updateSettings((s) => ({ ...s, pausedEverywhere: !s.pausedEverywhere }));
  }
  if (menuItemId !== PAUSE_SITE_MENU_ID || !pageUrl) return undefined;
  let host: string;
  try {
    host = new URL(pageUrl).hostname;
  } catch {
    return undefined;
  }
  return updateSettings((s) => withSitePaused(s, host, !s.pausedSites.includes(host)));
}

/** Asks the tab's content script to open the capture form on the current selection. */
function openCapture(tabId: number, frameId?: number): Promise<void> {
  return browser.tabs
    .sendMessage(tabId, { type: 'capture:open' }, frameId === undefined ? undefined : { frameId })
    .then(
      () => undefined,
      () => undefined, // No content script there (a browser page, the store): nothing to capture.
    );
}

export default defineBackground(() => {
  const origin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((msg: unknown, sender) => {
    const kind = senderKind(sender, browser.runtime.id, origin);
    if (kind === 'untrusted') return undefined;
    const parsed = parseRequest(msg);
    if (!parsed) return Promise.reject(new Error('apt-lens: malformed message'));
    const req = authorize(parsed, kind, sender.url);
    if (!req) return Promise.reject(new Error(`apt-lens: ${parsed.type} is not allowed from a ${kind}`));
    return handle(req);
  });

  browser.runtime.onInstalled.addListener(() => {
    // An update may change the stored matcher's format: rebuild it from the stored overlay.
    void overlay.republish().catch(() => undefined);
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
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === SAVE_MENU_ID && tab?.id !== undefined) void openCapture(tab.id, info.frameId);
    void togglePause(info.menuItemId, info.pageUrl ?? tab?.url);
  });

  // Keyboard shortcuts move through the mentions of the tab they were pressed in, or save the selection.
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === SAVE_COMMAND && tab?.id !== undefined) void openCapture(tab.id);
    const direction = command === 'next-mention' ? 1 : command === 'previous-mention' ? -1 : 0;
    if (direction && tab?.id !== undefined) {
      browser.tabs.sendMessage(tab.id, { type: 'page:navigate', direction }).catch(() => {
        // No content script there (a browser page, the store): nothing to move through.
      });
    }
  });
});
