import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, listIncidents, openIncidentsDb } from '../../lib/incidents/db';

describe('incidents database', () => {
  it('opens empty at the current version with its indexes', async () => {
    const db = await openIncidentsDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.transaction('incidents').store.indexNames].sort()).toEqual([
      'actorIds',
      'createdAt',
      'site',
      'tags',
    ]);
    expect(await listIncidents(db)).toEqual([]);
    db.close();
  });
});
