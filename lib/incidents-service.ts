/**
 * The background's incident handlers, kept here (not in the entry point) so they run in Node against
 * fake-indexeddb: the entry point only routes messages to `handleIncidentRequest`. It sits above
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
import type { IncidentRequest, ResponseOf } from './protocol/runtime';
import { cleanUrl } from './url/clean';

/** Whether a request changes the store. */
export function isWrite(req: IncidentRequest): boolean {
  return req.type !== 'incidents:tags' && req.type !== 'incidents:for-page';
}

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
  }
}
