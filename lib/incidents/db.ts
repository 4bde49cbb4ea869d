import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Incident } from './model';

/** The IndexedDB database that holds incidents, on the extension's origin. */
export const DB_NAME = 'apt-lens';

/** Current schema version; `upgrade` migrates every older one step by step. */
export const DB_VERSION = 1;

/** The schema as idb's typed view of it. */
export interface IncidentsSchema extends DBSchema {
  incidents: {
    key: string;
    value: Incident;
    indexes: { createdAt: string; actorIds: string; tags: string; site: string };
  };
}

/** Opens (and creates or migrates) the incidents database. */
export function openIncidentsDb(): Promise<IDBPDatabase<IncidentsSchema>> {
  return openDB<IncidentsSchema>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const store = db.createObjectStore('incidents', { keyPath: 'id' });
        store.createIndex('createdAt', 'createdAt');
        store.createIndex('actorIds', 'actorIds', { multiEntry: true });
        store.createIndex('tags', 'tags', { multiEntry: true });
        store.createIndex('site', 'site');
      }
    },
  });
}

/** All incidents, newest first. */
export async function listIncidents(db: IDBPDatabase<IncidentsSchema>): Promise<Incident[]> {
  const all = await db.getAllFromIndex('incidents', 'createdAt');
  return all.reverse();
}
