import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import type { Incident } from './model';
import { checkIncident } from './schema';

/** The IndexedDB database that holds incidents, on the extension's origin. */
export const DB_NAME = 'apt-lens';

/** BroadcastChannel on which the background announces every write, so open dashboards refresh. */
export const CHANGES_CHANNEL = 'apt-lens-incidents';

/**
 * Current schema version; `upgrade` migrates every older one step by step.
 * v1: the incidents store, indexed by createdAt, actorIds, tags, site.
 * v2: adds the agencyIds index (the dashboard's agency filter and the STIX identities).
 * v3: the incident contract got stricter (real dates, web URLs, lengths in code points); records saved
 *     before that no longer fit are kept as they are and listed in the `problems` store, never dropped.
 */
export const DB_VERSION = 3;

/** A stored record that does not fit the current contract, as the migration found it. */
export interface StoredProblem {
  id: string;
  reason: string;
}

/** The schema as idb's typed view of it. */
export interface IncidentsSchema extends DBSchema {
  incidents: {
    key: string;
    value: Incident;
    indexes: { createdAt: string; actorIds: string; agencyIds: string; tags: string; site: string };
  };
  problems: { key: string; value: StoredProblem };
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
      if (oldVersion < 3) {
        db.createObjectStore('problems', { keyPath: 'id' });
        void reportMisfits(tx);
      }
    },
    // A newer version opening elsewhere (the background after an update) must not wait on this old tab.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
  });
}

type UpgradeTx = IDBPTransaction<IncidentsSchema, StoreNames<IncidentsSchema>[], 'versionchange'>;

/** The v3 migration: lists every stored record the current contract refuses, and changes none. */
async function reportMisfits(tx: UpgradeTx): Promise<void> {
  const problems = tx.objectStore('problems');
  let cursor = await tx.objectStore('incidents').openCursor();
  while (cursor) {
    const r = checkIncident(cursor.value);
    if ('reason' in r) await problems.put({ id: String(cursor.key), reason: r.reason });
    cursor = await cursor.continue();
  }
}

/**
 * Stored records that do not fit the contract, with why and their title (for the dashboard's notice).
 * Each is checked again, so one edited into shape or deleted since the migration is no longer listed.
 */
export async function listProblems(db: IncidentsDb): Promise<(StoredProblem & { title: string })[]> {
  const tx = db.transaction(['problems', 'incidents']);
  const out: (StoredProblem & { title: string })[] = [];
  for (const p of await tx.objectStore('problems').getAll()) {
    const record = await tx.objectStore('incidents').get(p.id);
    if (!record) continue;
    const r = checkIncident(record);
    if ('reason' in r) {
      const title = typeof record.title === 'string' ? record.title.slice(0, 200) : '';
      out.push({ id: p.id, reason: r.reason, title });
    }
  }
  await tx.done;
  return out;
}

/** All incidents, newest first. */
export async function listIncidents(db: IncidentsDb): Promise<Incident[]> {
  const all = await db.getAllFromIndex('incidents', 'createdAt');
  return all.reverse();
}

/**
 * The newest `count` incidents and how many there are: what the dashboard paints first, so a store of
 * 10,000 does not hold the first view until all of them are read (the rest follow with `listIncidents`).
 */
export async function listNewestIncidents(
  db: IncidentsDb,
  count: number,
): Promise<{ incidents: Incident[]; total: number }> {
  const tx = db.transaction('incidents');
  const incidents: Incident[] = [];
  let cursor = await tx.store.index('createdAt').openCursor(null, 'prev');
  while (cursor && incidents.length < count) {
    incidents.push(cursor.value);
    cursor = await cursor.continue();
  }
  const total = await tx.store.count();
  await tx.done;
  return { incidents, total };
}
