import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openSightingsDb } from '../../lib/sightings/db';

describe('openSightingsDb', () => {
  it('gives a database something else created empty the whole schema', async () => {
    // An extension page that opens the database without a version creates it at v1 with no stores.
    const empty = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('sightings-created-empty');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    expect(empty.objectStoreNames.length).toBe(0);
    empty.close();
    const db = await openSightingsDb('sightings-created-empty');
    expect([...db.objectStoreNames]).toEqual(['sightings']);
    expect([...db.transaction('sightings').store.indexNames].sort()).toEqual([
      'entityId',
      'lastSeen',
      'site',
      'siteSeen',
    ]);
    db.close();
  });
});
