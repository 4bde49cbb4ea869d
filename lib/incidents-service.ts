/**
 * The background's incident handlers, kept here (not in the entry point) so they run in Node against
 * fake-indexeddb: the background's handler table takes them from `incidentHandlers`. It sits above
 * `lib/protocol/` (whose request types it takes), beside `lib/settings-service.ts`; the backup file's import
 * is `lib/backup/service.ts`.
 */
import type { IncidentsDb } from './incidents/db';
import { createIncident, type Incident, siteOf } from './incidents/model';
import {
  allTags,
  deleteIncidents,
  restoreIncidents,
  saveIncident,
  tagIncidents,
  updateIncident,
} from './incidents/store';
import { dispatch, type HandlerTable } from './protocol/handlers';
import type { IncidentRequest, ResponseOf } from './protocol/runtime';
import { cleanUrl } from './url/clean';

/** Clock and id source, injected so tests are deterministic. */
export interface ServiceDeps {
  now(): Date;
  uuid(): string;
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
