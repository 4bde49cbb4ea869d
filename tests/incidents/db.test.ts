import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, listIncidents, openIncidentsDb } from '../../lib/incidents/db';
import { makeIncident } from './make';

let n = 0;
const fresh = () => `db-test-${++n}`;

describe('incidents database', () => {
  it('opens empty at the current version with its indexes', async () => {
    const db = await openIncidentsDb(fresh());
    expect(db.version).toBe(DB_VERSION);
    expect([...db.transaction('incidents').store.indexNames].sort()).toEqual([
      'actorIds',
      'agencyIds',
      'createdAt',
      'site',
      'tags',
    ]);
    expect(await listIncidents(db)).toEqual([]);
    db.close();
  });

  it('upgrades a v1 database to v2: keeps every record and indexes agencies', async () => {
    const name = fresh();
    // Build the database exactly as v1 shipped it.
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        const store = db.createObjectStore('incidents', { keyPath: 'id' });
        store.createIndex('createdAt', 'createdAt');
        store.createIndex('actorIds', 'actorIds', { multiEntry: true });
        store.createIndex('tags', 'tags', { multiEntry: true });
        store.createIndex('site', 'site');
      },
    });
    const old = [makeIncident(1), makeIncident(2), makeIncident(3)];
    for (const i of old) await v1.put('incidents', i);
    v1.close();

    const db = await openIncidentsDb(name);
    expect(db.version).toBe(2);
    expect(await listIncidents(db)).toHaveLength(3);
    expect((await db.getAllFromIndex('incidents', 'agencyIds', 'cn-mss')).map((i) => i.id).sort()).toEqual(
      [old[0]!.id, old[1]!.id].sort(),
    );
    db.close();
  });

  it('keeps everything across a close and reopen (a browser restart)', async () => {
    const name = fresh();
    const db = await openIncidentsDb(name);
    await db.put('incidents', makeIncident(7));
    db.close();
    const again = await openIncidentsDb(name);
    expect(await again.get('incidents', makeIncident(7).id)).toEqual(makeIncident(7));
    again.close();
  });
});

describe('version changes', () => {
  it('an open connection steps aside when a newer version opens', async () => {
    const name = fresh();
    const old = await openIncidentsDb(name);
    const newer = await openDB(name, DB_VERSION + 1);
    expect(newer.version).toBe(DB_VERSION + 1);
    newer.close();
    old.close();
  });
});
