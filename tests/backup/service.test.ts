import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { backupText } from '../../lib/backup/file';
import { type BackupDeps, exportBackup, importBackup } from '../../lib/backup/service';
import { type IncidentsDb, listIncidents, openIncidentsDb } from '../../lib/incidents/db';
import { saveIncident } from '../../lib/incidents/store';
import type { Overlay } from '../../lib/overlay/model';
import { makeIncident } from '../incidents/make';
import { ownActor } from '../overlay/make';

let n = 0;

/** Backup deps over one incidents database, a watchlist in memory and an overlay whose restore can fail. */
function depsFor(
  db: IncidentsDb,
  opts: { watched?: string[]; overlay?: Overlay; failOverlay?: boolean; failWatchlist?: boolean } = {},
) {
  const state = {
    watched: [...(opts.watched ?? [])],
    overlay: opts.overlay ?? { entities: [], extensions: [] },
  };
  const deps: BackupDeps = {
    incidents: async () => db,
    now: () => new Date('2026-02-03T04:05:06.000Z'),
    watchlist: {
      read: async () => state.watched,
      add: async (ids) => {
        if (opts.failWatchlist) throw new Error('the settings store is full');
        state.watched = [...state.watched, ...ids];
      },
      remove: async (ids) => {
        state.watched = state.watched.filter((id) => !ids.includes(id));
      },
    },
    overlay: {
      read: async () => state.overlay,
      restore: async (file, apply) => {
        if (apply && opts.failOverlay) throw new Error('QuotaExceededError');
        if (apply) state.overlay = file;
        return { add: file.entities.length + file.extensions.length, update: 0, unchanged: 0, names: [] };
      },
    },
  };
  return Object.assign(deps, { state });
}

describe('the backup export', () => {
  it('reads all three stores itself: incidents, watchlist and the reader’s KB', async () => {
    const db = await openIncidentsDb(`backup-${++n}`);
    await saveIncident(db, makeIncident(1));
    const overlay = { entities: [ownActor()], extensions: [] };
    const out = await exportBackup(depsFor(db, { watched: ['apt31'], overlay }));
    const file = JSON.parse(out.text);
    expect(out.incidents).toBe(1);
    expect(file).toMatchObject({ format: 'apt-lens.incidents', version: 1, watchlist: ['apt31'] });
    expect(file.overlay.entities[0].id).toBe(ownActor().id);
    // An empty KB is left out, as the file always did.
    expect(JSON.parse((await exportBackup(depsFor(db))).text)).not.toHaveProperty('overlay');
    db.close();
  });
});

describe('the backup import', () => {
  it('imports: dry run writes nothing, apply writes, errors come back as a report', async () => {
    const db = await openIncidentsDb(`backup-${++n}`);
    const text = backupText([makeIncident(1), makeIncident(2)], new Date());
    const dry = await importBackup(depsFor(db), text, false);
    expect(dry).toEqual({ ok: true, applied: false, add: 2, update: 0, unchanged: 0, older: 0, invalid: [] });
    expect(await db.count('incidents')).toBe(0);
    const done = await importBackup(depsFor(db), text, true);
    expect(done).toMatchObject({ ok: true, applied: true, add: 2 });
    expect(await db.count('incidents')).toBe(2);
    const bad = await importBackup(depsFor(db), '{"format":', true);
    expect(bad).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not valid JSON.*Nothing was changed/),
    });
    expect(await db.count('incidents')).toBe(2);
    db.close();
  });

  it('adds the watched ids not yet watched (on apply only); a file without a watchlist says nothing of it', async () => {
    const db = await openIncidentsDb(`backup-${++n}`);
    const deps = depsFor(db, { watched: ['apt31'] });
    const text = backupText([makeIncident(1)], new Date(), { watchlist: ['apt31', 'cn-mss', 'apt28'] });
    expect(JSON.parse(backupText([], new Date())).watchlist).toBeUndefined();
    expect(await importBackup(deps, text, false)).toMatchObject({ ok: true, add: 1, watchlist: { add: 2 } });
    expect(deps.state.watched).toEqual(['apt31']);
    expect(await importBackup(deps, text, true)).toMatchObject({ ok: true, watchlist: { add: 2 } });
    expect(deps.state.watched).toEqual(['apt31', 'cn-mss', 'apt28']);
    const plain = await importBackup(deps, backupText([makeIncident(2)], new Date()), false);
    expect(plain).not.toHaveProperty('watchlist');
    db.close();
  });

  it.each([
    ['not a list', 'apt31'],
    ['a malformed id', ['apt31', 'APT 31']],
    ['a number', [31]],
  ])('refuses a file whose watchlist is %s, and changes nothing', async (_why, watchlist) => {
    const db = await openIncidentsDb(`backup-${++n}`);
    const file = { ...JSON.parse(backupText([makeIncident(1)], new Date())), watchlist };
    const r = await importBackup(depsFor(db), JSON.stringify(file), true);
    expect(r).toEqual({
      ok: false,
      error:
        'The "watchlist" field is not a list of at most 1000 entity ids (like "apt31"). Nothing was changed.',
    });
    expect(await db.count('incidents')).toBe(0);
    db.close();
  });

  it('is all or nothing: a failed last step (the KB) undoes the incidents and the watchlist, and says so', async () => {
    const db = await openIncidentsDb(`backup-${++n}`);
    const before = makeIncident(1, { notes: 'stored' });
    await saveIncident(db, before);
    const deps = depsFor(db, { watched: ['apt31'], failOverlay: true });
    const newer = makeIncident(1, { notes: 'from the file', updatedAt: '2030-01-01T00:00:00.000Z' });
    const text = backupText([newer, makeIncident(2)], new Date(), {
      watchlist: ['cn-mss'],
      overlay: { entities: [ownActor()], extensions: [] },
    });
    const r = await importBackup(deps, text, true);
    expect(r).toEqual({
      ok: false,
      error:
        'Could not write your KB (QuotaExceededError). What the import had written was undone: nothing was changed.',
    });
    expect(await listIncidents(db)).toEqual([before]);
    expect(deps.state.watched).toEqual(['apt31']);
    db.close();
  });

  it('undoes the incidents when the watchlist cannot be written', async () => {
    const db = await openIncidentsDb(`backup-${++n}`);
    const deps = depsFor(db, { failWatchlist: true });
    const text = backupText([makeIncident(1)], new Date(), { watchlist: ['cn-mss'] });
    const r = await importBackup(deps, text, true);
    expect(r).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Could not write the watchlist .*undone/),
    });
    expect(await db.count('incidents')).toBe(0);
    db.close();
  });
});
