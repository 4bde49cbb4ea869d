import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { OVERLAY_DB_VERSION, openOverlayDb, readOverlay } from '../../lib/overlay/db';
import { writeOverlay } from '../../lib/overlay/store';
import { extension, ownActor, T0 } from './make';

let n = 0;
const fresh = () => `overlay-test-${++n}`;
const T1 = '2026-12-02T00:00:00.000Z';

describe('overlay database', () => {
  it('opens empty at the current version with its two stores', async () => {
    const db = await openOverlayDb(fresh());
    expect(db.version).toBe(OVERLAY_DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['entities', 'extensions']);
    expect(await readOverlay(db)).toEqual({ overlay: { entities: [], extensions: [] }, misfits: [] });
    db.close();
  });

  it('keeps what it holds across a reopen, and lists a record the contract refuses without using it', async () => {
    const name = fresh();
    const db = await openOverlayDb(name);
    expect((await writeOverlay(db, { put: [ownActor()] }, T0)).ok).toBe(true);
    db.close();
    // A record written by hand (or an older build) that no longer fits.
    const raw = await openDB(name, OVERLAY_DB_VERSION);
    await raw.put('entities', { id: 'ours-broken', kind: 'actor', name: '' });
    raw.close();
    const again = await openOverlayDb(name);
    const { overlay, misfits } = await readOverlay(again);
    expect(overlay.entities.map((e) => e.id)).toEqual(['ours-unc-acme-7']);
    expect(misfits).toEqual([{ store: 'entities', key: 'ours-broken', reason: expect.any(String) }]);
    again.close();
  });
});

describe('writeOverlay', () => {
  it('adds, updates and removes in one batch, stamping times', async () => {
    const db = await openOverlayDb(fresh());
    const first = await writeOverlay(db, { put: [ownActor(), extension()] }, T0);
    expect(first).toMatchObject({ ok: true, added: 2, updated: 0, removed: 0 });
    const second = await writeOverlay(
      db,
      { put: [ownActor({ notes: 'seen in 2026', createdAt: T1 })], remove: ['apt31'] },
      T1,
    );
    expect(second).toMatchObject({ ok: true, added: 0, updated: 1, removed: 1 });
    const { overlay } = await readOverlay(db);
    expect(overlay.extensions).toEqual([]);
    expect(overlay.entities[0]).toMatchObject({ notes: 'seen in 2026', createdAt: T0, updatedAt: T1 });
    db.close();
  });

  it('writes nothing when any entry of the batch is refused (all or nothing)', async () => {
    const db = await openOverlayDb(fresh());
    await writeOverlay(db, { put: [ownActor()] }, T0);
    const r = await writeOverlay(
      db,
      {
        put: [
          ownActor({ id: 'ours-good', name: 'Good Name', aliases: [] }),
          ownActor({ id: 'ours-bad', name: 'APT31', aliases: [] }),
        ],
        remove: ['ours-unc-acme-7'],
      },
      T1,
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toEqual([
        expect.objectContaining({
          key: 'ours-bad',
          field: 'name',
          message: expect.stringContaining('already a name of APT31'),
        }),
      ]);
    const { overlay } = await readOverlay(db);
    expect(overlay.entities.map((e) => e.id)).toEqual(['ours-unc-acme-7']);
    db.close();
  });

  it('refuses a malformed entry with where and why', async () => {
    const db = await openOverlayDb(fresh());
    const r = await writeOverlay(db, { put: [ownActor({ country: 'China' })] }, T0);
    expect(r).toEqual({
      ok: false,
      problems: [
        { key: 'ours-unc-acme-7', field: 'overlay', message: expect.stringMatching(/^country: .*alpha-2/) },
      ],
    });
    db.close();
  });

  it('replace restores an exported overlay with its own times', async () => {
    const db = await openOverlayDb(fresh());
    await writeOverlay(db, { put: [ownActor(), extension()] }, T0);
    const r = await writeOverlay(
      db,
      {
        put: [ownActor({ id: 'ours-other', name: 'Other Crew', aliases: [], createdAt: T1, updatedAt: T1 })],
        replace: true,
        keepTimes: true,
      },
      T0,
    );
    expect(r).toMatchObject({ ok: true, added: 1, removed: 2 });
    const { overlay } = await readOverlay(db);
    expect(overlay).toEqual({
      entities: [expect.objectContaining({ id: 'ours-other', createdAt: T1 })],
      extensions: [],
    });
    db.close();
  });
});
