/**
 * The background's incident handlers, kept here (not in the entry point) so they run in Node against
 * fake-indexeddb: the entry point only routes messages to `handleIncidentRequest`.
 */
import type { IncidentRequest, ResponseOf } from '../protocol/runtime';
import { cleanUrl } from '../url/clean';
import type { IncidentsDb } from './db';
import { createIncident, type Incident, siteOf } from './model';
import { type OverlayRestoreCounts, parseExport } from './schema';
import {
  allTags,
  deleteIncidents,
  importIncidents,
  previewImport,
  restoreIncidents,
  saveIncident,
  tagIncidents,
  updateIncident,
} from './store';

/** Whether a request changes the store (the dry run of an import does not). */
export function isWrite(req: IncidentRequest): boolean {
  if (req.type === 'incidents:import') return req.apply;
  return req.type !== 'incidents:tags' && req.type !== 'incidents:for-page';
}

/** Clock and id source, injected so tests are deterministic; the watchlist lives in the settings. */
export interface ServiceDeps {
  now(): Date;
  uuid(): string;
  /** The reader's watchlist, which an import adds to (absent: an import's watchlist is ignored). */
  watchlist?: { read(): Promise<string[]>; add(ids: readonly string[]): Promise<void> };
  /**
   * The reader's own KB, which an import restores (absent: an import's overlay is ignored): the counts, or
   * why the file's overlay cannot be stored (then the whole import is refused, nothing written).
   */
  overlay?: {
    restore(
      file: { entities: unknown[]; extensions: unknown[] },
      apply: boolean,
    ): Promise<OverlayRestoreCounts | { error: string }>;
  };
}

const defaultDeps: ServiceDeps = { now: () => new Date(), uuid: () => crypto.randomUUID() };

/**
 * Incidents saved from this page, for re-highlighting their passages: the same address once credentials,
 * fragment and query string are left out on both sides (saved addresses are cleaned; older ones may not be).
 */
async function forPage(db: IncidentsDb, url: string): Promise<Incident[]> {
  const bare = cleanUrl(url) ?? url.split('#')[0];
  const same = await db.getAllFromIndex('incidents', 'site', siteOf(url));
  return same.filter((i) => (cleanUrl(i.url) ?? i.url.split('#')[0]) === bare);
}

/** The tags of one site's incidents, sorted (what a page's capture form may offer). */
async function tagsOfSite(db: IncidentsDb, site: string): Promise<string[]> {
  const tags = new Set<string>();
  for (const i of await db.getAllFromIndex('incidents', 'site', site)) for (const t of i.tags) tags.add(t);
  return [...tags].sort();
}

/** Runs one validated incident request against the store. */
export async function handleIncidentRequest(
  db: IncidentsDb,
  req: IncidentRequest,
  deps: ServiceDeps = defaultDeps,
): Promise<ResponseOf[IncidentRequest['type']]> {
  const now = deps.now().toISOString();
  switch (req.type) {
    case 'incidents:save': {
      const incident = createIncident(req.draft, now, deps.uuid());
      await saveIncident(db, incident);
      return incident;
    }
    case 'incidents:update':
      return updateIncident(db, { ...req.incident, site: siteOf(req.incident.url) }, now);
    case 'incidents:delete':
      return deleteIncidents(db, req.ids);
    case 'incidents:restore':
      await restoreIncidents(
        db,
        req.incidents.map((i) => ({ ...i, site: siteOf(i.url) })),
      );
      return req.incidents.length;
    case 'incidents:tag':
      return tagIncidents(db, req.ids, req.tag, now);
    case 'incidents:tags':
      return req.site === undefined ? allTags(db) : tagsOfSite(db, req.site);
    case 'incidents:for-page':
      return forPage(db, req.url);
    case 'incidents:import': {
      const parsed = parseExport(req.text);
      if (!parsed.ok) return parsed;
      // The overlay is checked first: a file whose KB entries cannot be stored changes nothing at all.
      let overlay: OverlayRestoreCounts | undefined;
      if (parsed.overlay && deps.overlay) {
        const check = await deps.overlay.restore(parsed.overlay, false);
        if ('error' in check) return { ok: false, error: check.error };
        overlay = check;
      }
      const plan = req.apply
        ? await importIncidents(db, parsed.incidents)
        : await previewImport(db, parsed.incidents);
      let watchlist: { add: number } | undefined;
      if (parsed.watchlist && deps.watchlist) {
        const have = new Set(await deps.watchlist.read());
        const fresh = parsed.watchlist.filter((id) => !have.has(id));
        if (req.apply && fresh.length) await deps.watchlist.add(fresh);
        watchlist = { add: fresh.length };
      }
      if (req.apply && parsed.overlay && deps.overlay) {
        const done = await deps.overlay.restore(parsed.overlay, true);
        if ('error' in done) return { ok: false, error: done.error };
        overlay = done;
      }
      return {
        ok: true,
        applied: req.apply,
        add: plan.add.length,
        update: plan.update.length,
        unchanged: plan.unchanged,
        older: plan.older,
        invalid: parsed.invalid,
        ...(watchlist ? { watchlist } : {}),
        ...(overlay ? { overlay } : {}),
      };
    }
  }
}
