/**
 * The background's incident handlers, kept here (not in the entry point) so they run in Node against
 * fake-indexeddb: the background's handler table takes them from `incidentHandlers`.
 */
import { dispatch, type HandlerTable } from '../protocol/handlers';
import type { IncidentRequest, ResponseOf } from '../protocol/runtime';
import { cleanUrl } from '../url/clean';
import type { IncidentsDb } from './db';
import { createIncident, type Incident, siteOf } from './model';
import { type ImportReport, type OverlayRestoreCounts, parseExport } from './schema';
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

/** What the incident handlers need: the store, and what the background hands them. */
export interface IncidentHandlerDeps extends ServiceDeps {
  db(): Promise<IncidentsDb>;
  /** Whether saved addresses keep their query string (the reader's setting; absent: they do not). */
  keepQuery?(): Promise<boolean>;
  /** Tells open pages the store may have changed (after every write, failed or not). */
  changed?(): void;
}

/** The incident messages' handlers, against the store `deps.db` opens. */
export function incidentHandlers(deps: IncidentHandlerDeps): HandlerTable<IncidentRequest['type']> {
  const now = () => deps.now().toISOString();
  /** Runs a write; even a failed one may have been retried elsewhere, so open pages re-read either way. */
  const write = async <T>(run: (db: IncidentsDb) => Promise<T>): Promise<T> => {
    try {
      return await run(await deps.db());
    } finally {
      deps.changed?.();
    }
  };
  return {
    'incidents:save': async (req) => {
      // A saved address keeps no credentials, fragment, or query string unless the reader keeps them.
      const keepQuery = (await deps.keepQuery?.()) ?? false;
      const draft = { ...req.draft, url: cleanUrl(req.draft.url, { keepQuery }) ?? req.draft.url };
      return write(async (db) => {
        const incident = createIncident(draft, now(), deps.uuid());
        await saveIncident(db, incident);
        return incident;
      });
    },
    'incidents:update': (req) =>
      write((db) => updateIncident(db, { ...req.incident, site: siteOf(req.incident.url) }, now())),
    'incidents:delete': (req) => write((db) => deleteIncidents(db, req.ids)),
    'incidents:restore': (req) =>
      write(async (db) => {
        await restoreIncidents(
          db,
          req.incidents.map((i) => ({ ...i, site: siteOf(i.url) })),
        );
        return req.incidents.length;
      }),
    'incidents:tag': (req) => write((db) => tagIncidents(db, req.ids, req.tag, now())),
    'incidents:tags': async (req) => {
      const db = await deps.db();
      return req.site === undefined ? allTags(db) : tagsOfSite(db, req.site);
    },
    'incidents:for-page': async (req) => forPage(await deps.db(), req.url),
    'incidents:import': (req) =>
      req.apply
        ? write((db) => importFile(db, req.text, true, deps))
        : deps.db().then((db) => importFile(db, req.text, false, deps)),
  };
}

/** Runs one validated incident request against `db` (tests and callers without the background). */
export function handleIncidentRequest<R extends IncidentRequest>(
  db: IncidentsDb,
  req: R,
  deps: ServiceDeps = defaultDeps,
): Promise<ResponseOf[R['type']]> {
  return dispatch(incidentHandlers({ ...deps, db: async () => db }), req);
}

/** An incidents file's import: the dry run's counts, or all of it written. */
async function importFile(
  db: IncidentsDb,
  text: string,
  apply: boolean,
  deps: ServiceDeps,
): Promise<ImportReport> {
  const parsed = parseExport(text);
  if (!parsed.ok) return parsed;
  // The overlay is checked first: a file whose KB entries cannot be stored changes nothing at all.
  let overlay: OverlayRestoreCounts | undefined;
  if (parsed.overlay && deps.overlay) {
    const check = await deps.overlay.restore(parsed.overlay, false);
    if ('error' in check) return { ok: false, error: check.error };
    overlay = check;
  }
  const plan = apply
    ? await importIncidents(db, parsed.incidents)
    : await previewImport(db, parsed.incidents);
  let watchlist: { add: number } | undefined;
  if (parsed.watchlist && deps.watchlist) {
    const have = new Set(await deps.watchlist.read());
    const fresh = parsed.watchlist.filter((id) => !have.has(id));
    if (apply && fresh.length) await deps.watchlist.add(fresh);
    watchlist = { add: fresh.length };
  }
  if (apply && parsed.overlay && deps.overlay) {
    const done = await deps.overlay.restore(parsed.overlay, true);
    if ('error' in done) return { ok: false, error: done.error };
    overlay = done;
  }
  return {
    ok: true,
    applied: apply,
    add: plan.add.length,
    update: plan.update.length,
    unchanged: plan.unchanged,
    older: plan.older,
    invalid: parsed.invalid,
    ...(watchlist ? { watchlist } : {}),
    ...(overlay ? { overlay } : {}),
  };
}
