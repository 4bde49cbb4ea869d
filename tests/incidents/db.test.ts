import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import {
  DB_VERSION,
  listIncidents,
  listNewestIncidents,
  listProblems,
  openIncidentsDb,
} from '../../lib/incidents/db';
import { importIncidents } from '../../lib/incidents/store';
import { makeIncident } from './make';

let n = 0;
const fresh = () => `db-test-${++n}`;

/** The database exactly as v1 shipped it. */
const openV1 = (name: string) =>
  openDB(name, 1, {
    upgrade(db) {
      const store = db.createObjectStore('incidents', { keyPath: 'id' });
      store.createIndex('createdAt', 'createdAt');
      store.createIndex('actorIds', 'actorIds', { multiEntry: true });
      store.createIndex('tags', 'tags', { multiEntry: true });
      store.createIndex('site', 'site');
    },
  });

describe('incidents database', () => {
  it('reads the newest few incidents and the total, for the first paint', async () => {
    const db = await openIncidentsDb(fresh());
    await importIncidents(
      db,
      [1, 2, 3, 4, 5].map((k) => makeIncident(k)),
    );
    const { incidents, total } = await listNewestIncidents(db, 2);
    expect(total).toBe(5);
    expect(incidents.map((i) => i.id)).toEqual((await listIncidents(db)).slice(0, 2).map((i) => i.id));
    expect((await listNewestIncidents(db, 10)).incidents).toHaveLength(5);
    db.close();
  });

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

  it('upgrades a v1 database: keeps every record and indexes agencies', async () => {
    const name = fresh();
    const v1 = await openV1(name);
    const old = [makeIncident(1), makeIncident(2), makeIncident(3)];
    for (const i of old) await v1.put('incidents', i);
    v1.close();

    const db = await openIncidentsDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect(await listIncidents(db)).toHaveLength(3);
    expect((await db.getAllFromIndex('incidents', 'agencyIds', 'cn-mss')).map((i) => i.id).sort()).toEqual(
      [old[0]!.id, old[1]!.id].sort(),
    );
    db.close();
  });

  it('the v3 migration lists records the stricter contract refuses, and keeps them as they were', async () => {
    const name = fresh();
    const old = await openV1(name);
    const good = makeIncident(1);
    const badDate = makeIncident(2, { occurredAt: '2024-02-30', title: 'Impossible day' });
    const badUrl = makeIncident(3, { url: 'javascript:alert(1)' });
    for (const i of [good, badDate, badUrl]) await old.put('incidents', i);
    old.close();

    const db = await openIncidentsDb(name);
    expect(await listIncidents(db)).toHaveLength(3);
    expect(await db.get('incidents', badUrl.id)).toEqual(badUrl);
    const problems = await listProblems(db);
    expect(problems.map((p) => p.id).sort()).toEqual([badDate.id, badUrl.id].sort());
    expect(problems.find((p) => p.id === badDate.id)).toMatchObject({
      title: 'Impossible day',
      reason: expect.stringMatching(/^occurredAt: not a date/),
    });
    expect(problems.find((p) => p.id === badUrl.id)?.reason).toMatch(/^url: not an http: or https: URL/);

    // Edited into shape or deleted: no longer listed.
    await db.put('incidents', { ...badDate, occurredAt: '2024-02-29' });
    await db.delete('incidents', badUrl.id);
    expect(await listProblems(db)).toEqual([]);
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
