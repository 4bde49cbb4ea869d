/**
 * Team sharing's own IndexedDB database (`apt-lens-team`), apart from the incidents' so its schema moves on
 * its own. Only the background opens it: it holds the team server's secret, which no content script can
 * read (a content script's IndexedDB is the page's, and `storage.local` would be readable by it).
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { ShareRecord, TeamServer } from './model';

/** The database's name. */
export const TEAM_DB_NAME = 'apt-lens-team';

/** BroadcastChannel on which the background says the team state changed (extension pages re-read it). */
export const TEAM_CHANNEL = 'apt-lens-team';

/** v1: `server` (one record, key `server`), `shares` (by key), `sync` (the pull's bookmark and pending batch). */
export const TEAM_DB_VERSION = 1;

/** A sync between its dry run and its confirm: the bundle read, and the date added it reads up to. */
export interface PendingPull {
  text: string;
  upTo?: string;
  fetched: number;
}

interface TeamSchema extends DBSchema {
  server: { key: string; value: TeamServer };
  shares: { key: string; value: ShareRecord };
  sync: { key: string; value: { upTo?: string; pending?: PendingPull } };
}

/** The typed handle the service takes. */
export type TeamDb = IDBPDatabase<TeamSchema>;

/** Opens (and creates) the team database; `name` is a seam for tests. */
export function openTeamDb(name = TEAM_DB_NAME): Promise<TeamDb> {
  return openDB<TeamSchema>(name, TEAM_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('server');
        db.createObjectStore('shares', { keyPath: 'key' });
        db.createObjectStore('sync');
      }
    },
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
  });
}
