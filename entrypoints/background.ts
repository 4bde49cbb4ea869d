import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { CHANGES_CHANNEL, type IncidentsDb, openIncidentsDb } from '../lib/incidents/db';
import { handleIncidentRequest, isWrite } from '../lib/incidents/service';
import { OVERLAY_CHANNEL, openOverlayDb } from '../lib/overlay/db';
import { importIntoOverlay } from '../lib/overlay/import/service';
import { OverlayLookup } from '../lib/overlay/lookup';
import { OverlayService } from '../lib/overlay/service';
import {
  authorize,
  isIncidentRequest,
  isSettingsRequest,
  parseRequest,
  type Request,
  type ResponseOf,
  reportSource,
  type SenderInfo,
  senderKind,
} from '../lib/protocol';
import { withSitePaused, withWatched } from '../lib/settings';
import { handleSettingsRequest } from '../lib/settings-service';
import { openSightingsDb, SIGHTINGS_CHANNEL, type SightingsDb } from '../lib/sightings/db';
import { TabRateLimit } from '../lib/sightings/rate-limit';
import { handlePageReport } from '../lib/sightings/service';
import { clearSightings } from '../lib/sightings/store';
import { cleanUrl } from '../lib/url/clean';
import { setWatchedBadge } from '../platform/badge';
import { publishBundledPrefilter } from '../platform/names-prefilter';
import { publishOverlayMatcher } from '../platform/overlay';
import { backgroundSettings, openBackgroundSettings } from '../platform/settings-store';

const readSettings = () => backgroundSettings.read();
const updateSettings = (change: Parameters<typeof backgroundSettings.change>[0]) =>
  backgroundSettings.change(change);

/** How many new pages each tab may have recorded lately (a page flooding the store is held back). */
const tabLimit = new TabRateLimit();

let db: Promise<IncidentsDb> | undefined;
/** One connection for the worker's life; reopened if opening failed. */
function incidentsDb(): Promise<IncidentsDb> {
  db ??= openIncidentsDb().catch((e: unknown) => {
    db = undefined;
    throw e;
  });
  return db;
}

let sightings: Promise<SightingsDb> | undefined;
/** The sightings database, opened on the first report that records something. */
function sightingsDb(): Promise<SightingsDb> {
  sightings ??= openSightingsDb().catch((e: unknown) => {
    sightings = undefined;
    throw e;
  });
  return sightings;
}

const changes = new BroadcastChannel(CHANGES_CHANNEL);
const overlayChanges = new BroadcastChannel(OVERLAY_CHANNEL);
const sightingsChanges = new BroadcastChannel(SIGHTINGS_CHANNEL);

const overlay = new OverlayService({
  open: () => openOverlayDb(),
  publish: publishOverlayMatcher,
  announce: () => overlayChanges.postMessage('changed'),
  now: () => new Date().toISOString(),
});

/** The incident handlers' clock and ids, and the watchlist an import adds to (it lives in the settings). */
const incidentDeps = {
  now: () => new Date(),
  uuid: () => crypto.randomUUID(),
  overlay: {
    restore: (file: Parameters<OverlayService['restore']>[0], apply: boolean) => overlay.restore(file, apply),
  },
  watchlist: {
    read: async () => (await readSettings()).watchlist,
    add: async (ids: readonly string[]) =>
      void (await updateSettings((s) => ids.reduce((acc, id) => withWatched(acc, id, true), s))),
  },
};

async function handle(req: Request, sender: SenderInfo): Promise<ResponseOf[Request['type']]> {
  // A card resolves through the reader's overlay (its own entities, its added names); the KB alone if unreadable.
  if (req.type === 'kb:entity') return (await overlay.lookup().catch(() => new OverlayLookup())).card(req.id);
  if (req.type === 'overlay:write') return overlay.write(req.batch);
  if (req.type === 'overlay:import') return importIntoOverlay(overlay, req.text, req.apply);
  if (isSettingsRequest(req)) return handleSettingsRequest(req, sender.url, backgroundSettings);
  if (req.type === 'sightings:page') {
    const t0 = performance.now();
    const settings = await readSettings();
    const source = reportSource(sender, req.address, { keepQuery: settings.keepQuery });
    if (!source) return null;
    // Past its share of new pages, a tab's report still sets its badge but records nothing.
    const recordable = source.recordable && tabLimit.allow(source.tabId, source.url, Date.now());
    const outcome = await handlePageReport(
      sightingsDb,
      { ...source, recordable, title: req.title, visit: req.visit, entities: req.entities },
      settings,
      new Date(),
    );
    // The whole background cost of a report: settings read, filtering, the store's one transaction.
    performance.measure('apt-lens:sightings-write', { start: t0 });
    void setWatchedBadge(source.tabId, outcome.watched);
    if (outcome.recorded) sightingsChanges.postMessage('changed');
    return null;
  }
  if (req.type === 'sightings:clear') {
    const n = await clearSightings(await sightingsDb());
    sightingsChanges.postMessage('changed');
    return n;
  }
  if (!isIncidentRequest(req)) throw new Error('apt-lens: no handler for this request');
  let run = req;
  if (req.type === 'incidents:save') {
    // A saved address keeps no credentials, fragment, or query string unless the reader keeps them.
    const { keepQuery } = await readSettings();
    run = { ...req, draft: { ...req.draft, url: cleanUrl(req.draft.url, { keepQuery }) ?? req.draft.url } };
  }
  try {
    return await handleIncidentRequest(await incidentsDb(), run, incidentDeps);
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
  openBackgroundSettings();
  browser.tabs.onRemoved.addListener((tabId) => tabLimit.forget(tabId));
  browser.runtime.onMessage.addListener((msg: unknown, sender) => {
    const kind = senderKind(sender, browser.runtime.id, origin);
    if (kind === 'untrusted') return undefined;
    const parsed = parseRequest(msg);
    if (!parsed) return Promise.reject(new Error('apt-lens: malformed message'));
    const req = authorize(parsed, kind, sender.url);
    if (!req) return Promise.reject(new Error(`apt-lens: ${parsed.type} is not allowed from a ${kind}`));
    return handle(req, sender);
  });

  browser.runtime.onInstalled.addListener(() => {
    // An update may change the stored matcher's format: rebuild it from the stored overlay.
    void overlay.republish().catch(() => undefined);
    void publishBundledPrefilter().catch(() => undefined);
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
