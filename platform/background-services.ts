/**
 * The background's services and its one handler table: the lazily opened databases, the channels that tell
 * open extension pages about changes, and each `lib/` service's handlers joined into `Handlers` (a request
 * type without a handler fails to compile). `answerRequests` is the one message listener in front of it.
 */
import { browser } from 'wxt/browser';
import { type BackupDeps, exportBackup, importBackup } from '../lib/backup/service';
import { CHANGES_CHANNEL, openIncidentsDb } from '../lib/incidents/db';
import { incidentHandlers } from '../lib/incidents-service';
import { lazyOpen } from '../lib/lazy-open';
import { OVERLAY_CHANNEL, openOverlayDb } from '../lib/overlay/db';
import { OverlayService } from '../lib/overlay/service';
import { overlayHandlers } from '../lib/overlay-handlers';
import { authorize, dispatch, type Handlers, parseRequest, senderKind } from '../lib/protocol';
import { withWatched } from '../lib/settings';
import { settingsHandlers } from '../lib/settings-service';
import { openSightingsDb, SIGHTINGS_CHANNEL } from '../lib/sightings/db';
import { TabRateLimit } from '../lib/sightings/rate-limit';
import { sightingsHandlers } from '../lib/sightings-service';
import { setWatchedBadge } from './badge';
import { publishOverlayMatcher } from './overlay';
import { backgroundSettings } from './settings-store';

/** Tells the extension's open pages on `name` that a store changed. */
function announcer(name: string): () => void {
  const channel = new BroadcastChannel(name);
  return () => channel.postMessage('changed');
}

/** The services the background's wiring needs besides the handler table (menus, install, tab close). */
export interface BackgroundServices {
  handlers: Handlers;
  overlay: OverlayService;
  tabLimit: TabRateLimit;
}

/** Builds the background's services and handler table (once, when the background starts). */
export function createBackgroundServices(): BackgroundServices {
  const settings = backgroundSettings;
  const overlay = new OverlayService({
    open: () => openOverlayDb(),
    publish: publishOverlayMatcher,
    announce: announcer(OVERLAY_CHANNEL),
    now: () => new Date().toISOString(),
  });
  const tabLimit = new TabRateLimit();
  const incidentsDb = lazyOpen(openIncidentsDb);
  const incidentsChanged = announcer(CHANGES_CHANNEL);
  /** The three stores a backup file holds: incidents, the watchlist (in the settings) and the reader's KB. */
  const backup: BackupDeps = {
    incidents: incidentsDb,
    now: () => new Date(),
    overlay: {
      read: async () => (await overlay.lookup()).overlay,
      restore: (file, apply) => overlay.restore(file, apply),
    },
    // The watchlist lives in the settings: changed inside the settings' one write.
    watchlist: {
      read: async () => (await settings.read()).watchlist,
      add: async (ids) =>
        void (await settings.change((s) => ids.reduce((acc, id) => withWatched(acc, id, true), s))),
      remove: async (ids) =>
        void (await settings.change((s) => ids.reduce((acc, id) => withWatched(acc, id, false), s))),
    },
  };
  const handlers: Handlers = {
    ...overlayHandlers(overlay),
    ...settingsHandlers(settings),
    ...sightingsHandlers({
      db: lazyOpen(openSightingsDb),
      settings: () => settings.read(),
      tabLimit,
      badge: (tabId, count) => void setWatchedBadge(tabId, count),
      changed: announcer(SIGHTINGS_CHANNEL),
      now: () => new Date(),
    }),
    ...incidentHandlers({
      db: incidentsDb,
      now: () => new Date(),
      uuid: () => crypto.randomUUID(),
      keepQuery: async () => (await settings.read()).keepQuery,
      changed: incidentsChanged,
    }),
    'backup:export': () => exportBackup(backup),
    'backup:import': async (req) => {
      try {
        return await importBackup(backup, req.text, req.apply);
      } finally {
        // Even a failed import may have written and undone: open pages re-read either way.
        if (req.apply) incidentsChanged();
      }
    },
  };
  return { handlers, overlay, tabLimit };
}

/**
 * Answers the extension's own senders: a message counts only when the browser says it comes from this
 * extension, has a known shape, and its sender kind may send it (`lib/protocol/authorize.ts`).
 */
export function answerRequests(handlers: Handlers): void {
  const origin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((msg: unknown, sender) => {
    const kind = senderKind(sender, browser.runtime.id, origin);
    if (kind === 'untrusted') return undefined;
    const parsed = parseRequest(msg);
    if (!parsed) return Promise.reject(new Error('apt-lens: malformed message'));
    const req = authorize(parsed, kind, sender.url);
    if (!req) return Promise.reject(new Error(`apt-lens: ${parsed.type} is not allowed from a ${kind}`));
    return dispatch(handlers, req, sender);
  });
}
