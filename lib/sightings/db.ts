/**
 * The sightings database (`apt-lens-sightings`), on the extension's origin: its own database, so the
 * incidents one is never bumped for it. The background is its only writer; extension pages read it.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Sighting } from './model';

/** The IndexedDB database that holds sightings. */
export const SIGHTINGS_DB_NAME = 'apt-lens-sightings';

/** BroadcastChannel on which the background announces each change, so an open Sightings view refreshes. */
export const SIGHTINGS_CHANNEL = 'apt-lens-sightings';

/**
 * Current schema version; `upgrade` brings every older one up step by step.
 * v1: the sightings store keyed by `key` (entity + URL), indexed by lastSeen (newest first), entityId (an
 *     entity's timeline) and site.
 * v2: `siteSeen` ([site, lastSeen]): a site's records oldest first, so a site over its share drops its own
 *     oldest, and a full store drops from the site holding the most.
 */
export const SIGHTINGS_DB_VERSION = 2;

/** The schema as idb's typed view of it. */
export interface SightingsSchema extends DBSchema {
  sightings: {
    key: string;
    value: Sighting;
    indexes: { lastSeen: string; entityId: string; site: string; siteSeen: [string, string] };
  };
}

/** The typed database handle every sightings function takes. */
export type SightingsDb = IDBPDatabase<SightingsSchema>;

/** Opens (and creates or migrates) the sightings database; `name` is a seam for tests. */
export function openSightingsDb(name = SIGHTINGS_DB_NAME): Promise<SightingsDb> {
  return openDB<SightingsSchema>(name, SIGHTINGS_DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      // By the stores there, not the version alone: a database something else created empty (an extension
      // page opening it without a version) gets the whole schema too.
      if (oldVersion < 1 || !db.objectStoreNames.contains('sightings')) {
        const store = db.createObjectStore('sightings', { keyPath: 'key' });
        store.createIndex('lastSeen', 'lastSeen');
        store.createIndex('entityId', 'entityId');
        store.createIndex('site', 'site');
      }
      const store = tx.objectStore('sightings');
      if (!store.indexNames.contains('siteSeen')) store.createIndex('siteSeen', ['site', 'lastSeen']);
    },
    // A newer version opening elsewhere (the background after an update) must not wait on an old page.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
  });
}

/** Every sighting, most recently seen first (the dashboard's view; extension pages read directly). */
export async function listSightings(db: SightingsDb): Promise<Sighting[]> {
  const all = await db.getAllFromIndex('sightings', 'lastSeen');
  return all.reverse();
}

/** The `count` most recently seen sightings and how many there are: the Sightings view paints these first. */
export async function listNewestSightings(
  db: SightingsDb,
  count: number,
): Promise<{ sightings: Sighting[]; total: number }> {
  const tx = db.transaction('sightings');
  const sightings: Sighting[] = [];
  let cursor = await tx.store.index('lastSeen').openCursor(null, 'prev');
  while (cursor && sightings.length < count) {
    sightings.push(cursor.value);
    cursor = await cursor.continue();
  }
  const total = await tx.store.count();
  await tx.done;
  return { sightings, total };
}

/** How many pages were seen naming each entity (from the keys alone: `entityId` + line feed + URL). */
export async function sightingCounts(db: SightingsDb): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const key of await db.getAllKeys('sightings')) {
    const id = key.slice(0, key.indexOf('\n'));
    out.set(id, (out.get(id) ?? 0) + 1);
  }
  return out;
}
