/**
 * The background's sightings handlers: a page's report (its sender checked, the tab's share of new pages
 * counted, the badge set) and clearing the store. It sits above `lib/protocol/` (whose request and sender
 * types it takes), beside `lib/incidents-service.ts`; the recording itself is `lib/sightings/service.ts`.
 */
import type { HandlerTable } from './protocol/handlers';
import type { SightingsRequest } from './protocol/runtime';
import { reportSource } from './protocol/sender';
import type { Settings } from './settings';
import type { SightingsDb } from './sightings/db';
import type { TabRateLimit } from './sightings/rate-limit';
import { handlePageReport } from './sightings/service';
import { clearSightings } from './sightings/store';

/** What the sightings handlers need from the background. */
export interface SightingsHandlerDeps {
  db(): Promise<SightingsDb>;
  settings(): Promise<Settings>;
  /** How many new pages each tab may have recorded lately (a page flooding the store is held back). */
  tabLimit: TabRateLimit;
  /** Shows the number of watched entities on the tab's toolbar button. */
  badge(tabId: number, count: number): void;
  /** Tells open pages the store changed. */
  changed(): void;
  now(): Date;
}

/** The sightings messages' handlers. */
export function sightingsHandlers(deps: SightingsHandlerDeps): HandlerTable<SightingsRequest['type']> {
  return {
    'sightings:page': async (req, sender) => {
      const t0 = performance.now();
      const settings = await deps.settings();
      const source = reportSource(sender, req.address, { keepQuery: settings.keepQuery });
      if (!source) return null;
      // Past its share of new pages, a tab's report still sets its badge but records nothing.
      const now = deps.now();
      const recordable = source.recordable && deps.tabLimit.allow(source.tabId, source.url, now.getTime());
      const outcome = await handlePageReport(
        deps.db,
        { ...source, recordable, title: req.title, visit: req.visit, entities: req.entities },
        settings,
        now,
      );
      // The whole background cost of a report: settings read, filtering, the store's one transaction.
      performance.measure('apt-lens:sightings-write', { start: t0 });
      deps.badge(source.tabId, outcome.watched);
      if (outcome.recorded) deps.changed();
      return null;
    },
    'sightings:clear': async () => {
      const n = await clearSightings(await deps.db());
      deps.changed();
      return n;
    },
  };
}
