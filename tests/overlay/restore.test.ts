import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { backupText } from '../../lib/backup/file';
import { type BackupDeps, importBackup } from '../../lib/backup/service';
import { listIncidents, openIncidentsDb } from '../../lib/incidents/db';
import { openOverlayDb, readOverlay } from '../../lib/overlay/db';
import { OverlayService } from '../../lib/overlay/service';
import { makeIncident } from '../incidents/make';
import { extension, ownActor, T0 } from './make';

const T1 = '2026-12-02T00:00:00.000Z';
let n = 0;

async function setup() {
  const overlayDb = openOverlayDb(`restore-${++n}`);
  const overlay = new OverlayService({
    open: () => overlayDb,
    publish: async () => {},
    announce: () => {},
    now: () => T1,
  });
  const db = await openIncidentsDb(`restore-incidents-${n}`);
  const deps: BackupDeps = {
    incidents: async () => db,
    now: () => new Date(T1),
    overlay: { read: async () => (await overlay.lookup()).overlay, restore: (f, a) => overlay.restore(f, a) },
    watchlist: { read: async () => [], add: async () => {}, remove: async () => {} },
  };
  const run = (text: string, apply: boolean) => importBackup(deps, text, apply);
  return { overlay, overlayDb, db, run };
}

describe('the user-data export carries your KB', () => {
  it('exports it and restores it: new entries added, newer ones updated, older ones kept', async () => {
    const { overlay, overlayDb, db, run } = await setup();
    await overlay.write({ put: [ownActor({ notes: 'stored' })] });
    const file = backupText([makeIncident(1)], new Date(T1), {
      overlay: {
        entities: [ownActor({ notes: 'from the file', updatedAt: '2030-01-01T00:00:00.000Z' })],
        extensions: [extension()],
      },
    });
    expect(JSON.parse(file).overlay.entities[0].id).toBe('ours-unc-acme-7');
    const dry = await run(file, false);
    expect(dry).toMatchObject({ ok: true, add: 1, overlay: { add: 1, update: 1, unchanged: 0 } });
    expect((await readOverlay(await overlayDb)).overlay.extensions).toEqual([]);
    expect(await run(file, true)).toMatchObject({ ok: true, applied: true, overlay: { add: 1, update: 1 } });
    const stored = (await readOverlay(await overlayDb)).overlay;
    expect(stored.entities[0]).toMatchObject({ notes: 'from the file', createdAt: T0 });
    expect(stored.extensions).toHaveLength(1);
    expect(await listIncidents(db)).toHaveLength(1);
    // The same file again changes nothing.
    expect(await run(file, false)).toMatchObject({ overlay: { add: 0, update: 0, unchanged: 2 } });
  });

  it('refuses the whole file, writing nothing, when an entry of its KB cannot be stored', async () => {
    const { overlayDb, db, run } = await setup();
    const bad = backupText([makeIncident(1)], new Date(T1), {
      overlay: {
        entities: [ownActor({ aliases: [{ name: 'Fancy Bear', source: 'ours' }] })],
        extensions: [],
      },
    });
    const r = await run(bad, true);
    expect(r).toEqual({
      ok: false,
      error: expect.stringContaining(
        'Your KB in the file cannot be stored (ours-unc-acme-7): “Fancy Bear” is already a name of APT28',
      ),
    });
    const malformed = JSON.stringify({
      ...JSON.parse(bad),
      overlay: { entities: [{ id: 'ours-x' }], extensions: [] },
    });
    expect(await run(malformed, true)).toEqual({
      ok: false,
      error: expect.stringMatching(/^Your KB in the file, entity 1: /),
    });
    const notAnOverlay = JSON.stringify({ ...JSON.parse(bad), overlay: [] });
    expect(await run(notAnOverlay, true)).toEqual({
      ok: false,
      error: expect.stringContaining('"overlay" field'),
    });
    expect(await listIncidents(db)).toEqual([]);
    expect((await readOverlay(await overlayDb)).overlay.entities).toEqual([]);
  });

  it('cannot plant a stop word, and lists every name it adds, the common words marked; they count as a file’s names', async () => {
    const { overlayDb, run } = await setup();
    const planting = backupText([makeIncident(1)], new Date(T1), {
      overlay: { entities: [], extensions: [extension({ aliases: [{ name: 'with', source: 'ours' }] })] },
    });
    expect(await run(planting, true)).toEqual({
      ok: false,
      error:
        'Your KB in the file cannot be stored (apt31): “with” cannot be a name: a word every text uses is not a name. Nothing was changed.',
    });
    const the = backupText([makeIncident(1)], new Date(T1), {
      overlay: { entities: [ownActor({ name: 'the', aliases: [] })], extensions: [] },
    });
    expect(await run(the, true)).toMatchObject({
      ok: false,
      error: expect.stringContaining('“the” cannot be a name'),
    });

    const file = backupText([makeIncident(1)], new Date(T1), {
      overlay: {
        entities: [ownActor({ aliases: [{ name: 'Globe', source: 'ours' }] })],
        extensions: [extension({ aliases: [{ name: 'Knight', source: 'ours' }] })],
      },
    });
    const dry = await run(file, false);
    expect(dry).toMatchObject({
      ok: true,
      overlay: {
        add: 2,
        names: [
          { name: 'UNC-ACME-7', to: 'UNC-ACME-7', risk: 'distinctive' },
          { name: 'Globe', to: 'UNC-ACME-7', risk: 'generic' },
          { name: 'Knight', to: 'APT31', risk: 'generic' },
        ],
      },
    });
    await run(file, true);
    // Whatever the file says of who typed them, its names are the file's: they get their risk class.
    const stored = (await readOverlay(await overlayDb)).overlay;
    expect(stored.entities[0]!.origin).toBe('an incidents file');
    expect(stored.entities[0]!.aliases.every((a) => a.imported)).toBe(true);
    expect(stored.extensions[0]!.aliases).toEqual([{ name: 'Knight', source: 'ours', imported: true }]);
  });
});
