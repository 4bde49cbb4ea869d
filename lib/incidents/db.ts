import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Incident } from './model';

/** The IndexedDB database that holds incidents, on the extension's origin. */
export const DB_NAME = 'apt-lens';

/** BroadcastChannel on which the background announces every write, so open dashboards refresh. */
export const CHANGES_CHANNEL = 'apt-lens-incidents';

/**
 * Current schema version; `upgrade` migrates every older one step by step.
 * v1: the incidents store, indexed by createdAt, actorIds, tags, site.
 * v2: adds the agencyIds index (the dashboard's agency filter and the STIX identities).
 */
export const DB_VERSION = 2;

/** The schema as idb's typed view of it. */
export interface IncidentsSchema extends DBSchema {
  incidents: {
    key: string;
    value: Incident;
    indexes: { createdAt: string; actorIds: string; agencyIds: string; tags: string; site: string };
  };
}

/** The typed database handle every store function takes. */
export type IncidentsDb = IDBPDatabase<IncidentsSchema>;

/** Opens (and creates or migrates) the incidents database; `name` is a seam for tests. */
export function openIncidentsDb(name = DB_NAME): Promise<IncidentsDb> {
  return openDB<IncidentsSchema>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        const store = db.createObjectStore('incidents', { keyPath: 'id' });
        store.createIndex('createdAt', 'createdAt');
        store.createIndex('actorIds', 'actorIds', { multiEntry: true });
        store.createIndex('tags', 'tags', { multiEntry: true });
        store.createIndex('site', 'site');
      }
      if (oldVersion < 2) {
        tx.objectStore('incidents').createIndex('agencyIds', 'agencyIds', { multiEntry: true });
      }
    },
    // A newer version opening elsewhere (the background after an update) must not wait on this old tab.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
  });
}

/** All incidents, newest first. */
export async function listIncidents(db: IncidentsDb): Promise<Incident[]> {
  const all = await db.getAllFromIndex('incidents', 'createdAt');
  return all.reverse();
}
