import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listIncidents, openIncidentsDb } from '../../lib/incidents/db';
import {
  allTags,
  deleteIncidents,
  importIncidents,
  previewImport,
  restoreIncidents,
  saveIncident,
  tagIncidents,
  updateIncident,
} from '../../lib/incidents/store';
import { makeIncident, makeIncidents } from './make';

let n = 0;
const open = () => openIncidentsDb(`store-test-${++n}`);
const NOW = '2026-01-01T00:00:00.000Z';

afterEach(() => vi.restoreAllMocks());

describe('store', () => {
  it('saves, updates (keeping createdAt), tags, deletes and undoes', async () => {
    const db = await open();
    const a = makeIncident(1);
    await saveIncident(db, a);
    const edited = await updateIncident(
      db,
      { ...a, notes: 'edited', createdAt: 'ignored', tags: ['New'] },
      NOW,
    );
    expect(edited).toMatchObject({ notes: 'edited', createdAt: a.createdAt, updatedAt: NOW, tags: ['new'] });
    await saveIncident(db, makeIncident(2));
    expect(await tagIncidents(db, [a.id, makeIncident(2).id, 'missing'], 'Ministry', NOW)).toBe(2);
    expect(await allTags(db)).toEqual(['espionage', 'ministry', 'new']);
    const gone = await deleteIncidents(db, [a.id, makeIncident(2).id]);
    expect(gone).toHaveLength(2);
    expect(await listIncidents(db)).toEqual([]);
    await restoreIncidents(db, gone);
    expect(await listIncidents(db)).toHaveLength(2);
    db.close();
  });

  it('refuses to update an incident that is gone', async () => {
    const db = await open();
    await expect(updateIncident(db, makeIncident(1), NOW)).rejects.toThrow(/no longer exists/);
    db.close();
  });

  it('previews an import without writing, then applies it with the newer record winning', async () => {
    const db = await open();
    const a = makeIncident(1);
    const b = makeIncident(2);
    await saveIncident(db, a);
    await saveIncident(db, b);
    const incoming = [
      { ...a, notes: 'newer', updatedAt: '2030-01-01T00:00:00.000Z' },
      { ...b, notes: 'older', updatedAt: '2000-01-01T00:00:00.000Z' },
      makeIncident(3),
      makeIncident(4),
    ];
    const preview = await previewImport(db, incoming);
    expect([preview.add.length, preview.update.length, preview.unchanged, preview.older]).toEqual([
      2, 1, 0, 1,
    ]);
    expect(await listIncidents(db)).toHaveLength(2);
    await importIncidents(db, incoming);
    expect((await db.get('incidents', a.id))!.notes).toBe('newer');
    expect((await db.get('incidents', b.id))!.notes).toBe('');
    expect(await listIncidents(db)).toHaveLength(4);
    const again = await importIncidents(db, incoming);
    expect([again.add.length, again.update.length, again.unchanged, again.older]).toEqual([0, 0, 3, 1]);
    db.close();
  });

  it('imports 10,000 incidents in one transaction', async () => {
    const db = await open();
    const plan = await importIncidents(db, makeIncidents(10_000));
    expect(plan.add).toHaveLength(10_000);
    expect(await db.count('incidents')).toBe(10_000);
    db.close();
  });
});

describe('faults', () => {
  /** Makes the `failAt`-th put (counting from 1) fail the way a full disk does. */
  function failPutAt(failAt: number) {
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (++calls === failAt) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args as Parameters<typeof put>);
    });
  }

  it('an import that fails halfway changes nothing, and says why', async () => {
    const db = await open();
    const before = [makeIncident(1), makeIncident(2)];
    for (const i of before) await saveIncident(db, i);
    failPutAt(50);
    await expect(
      importIncidents(db, [
        { ...before[0]!, notes: 'changed', updatedAt: '2030-01-01T00:00:00.000Z' },
        ...makeIncidents(100).slice(2),
      ]),
    ).rejects.toThrow(/Storage is full.*Nothing was saved/);
    vi.restoreAllMocks();
    expect(await listIncidents(db)).toEqual(
      await Promise.all(before.map((i) => db.get('incidents', i.id))).then((x) => x.reverse()),
    );
    expect((await db.get('incidents', before[0]!.id))!.notes).toBe('');
    expect(await db.count('incidents')).toBe(2);
    db.close();
  });

  it('a quota error on save leaves nothing half-written', async () => {
    const db = await open();
    failPutAt(1);
    await expect(saveIncident(db, makeIncident(1))).rejects.toThrow(/Storage is full/);
    vi.restoreAllMocks();
    expect(await db.count('incidents')).toBe(0);
    await expect(restoreIncidents(db, makeIncidents(3))).resolves.toBeUndefined();
    expect(await db.count('incidents')).toBe(3);
    db.close();
  });

  it('two tabs saving 100 incidents each at once keep all 200', async () => {
    const name = `store-test-${++n}`;
    const [tab1, tab2] = await Promise.all([openIncidentsDb(name), openIncidentsDb(name)]);
    const all = makeIncidents(200);
    await Promise.all([
      ...all.slice(0, 100).map((i) => saveIncident(tab1, i)),
      ...all.slice(100).map((i) => saveIncident(tab2, i)),
    ]);
    tab1.close();
    tab2.close();
    const reopened = await openIncidentsDb(name);
    expect(await reopened.count('incidents')).toBe(200);
    reopened.close();
  });
});
