import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadKb } from '../../../lib/kb/index';
import { withWrites } from '../../../lib/overlay/import/classify';
import { type OverlayImportDeps, runOverlayImport } from '../../../lib/overlay/import/run';
import { EMPTY_OVERLAY, namesOf, type Overlay, type OverlayEntry } from '../../../lib/overlay/model';

const GALAXY = readFileSync('docs/examples/misp-galaxy.json', 'utf8');
const BUNDLE = readFileSync('docs/examples/stix-bundle.json', 'utf8');

/** An in-memory overlay store; its checks refuse any name with a '#' (as the matcher cannot find one). */
function fakeStore(start: Overlay = EMPTY_OVERLAY, failWrite = false) {
  const store = { overlay: start, writes: 0 };
  const deps: OverlayImportDeps = {
    kb: loadKb(),
    read: async () => store.overlay,
    problems: (o) =>
      [
        ...o.entities.map((e) => ({ key: e.id, names: namesOf(e) })),
        ...o.extensions.map((x) => ({ key: x.extends, names: x.aliases.map((a) => a.name) })),
      ].flatMap(({ key, names }) =>
        names
          .filter((n) => n.includes('#'))
          .map((n) => ({ key, message: `“${n}” cannot be found on a page as written.` })),
      ),
    write: async (entries: OverlayEntry[]) => {
      if (failWrite) return { ok: false, error: 'The disk is full. Nothing was written.' };
      store.overlay = withWrites(store.overlay, entries);
      store.writes++;
      return { ok: true };
    },
    now: () => new Date('2026-12-01T10:00:00Z'),
  };
  return { store, deps };
}

describe('runOverlayImport', () => {
  it('a dry run writes nothing; a confirm writes what the dry run showed, in one batch', async () => {
    const { store, deps } = fakeStore();
    const dry = await runOverlayImport(GALAXY, false, deps);
    expect(dry).toMatchObject({ ok: true, applied: false, counts: { new: 2, merged: 1 }, writes: 3 });
    expect(store.writes).toBe(0);
    const done = await runOverlayImport(GALAXY, true, deps);
    expect(done).toEqual({ ...dry, applied: true });
    expect(store.writes).toBe(1);
    expect(store.overlay.entities.map((e) => e.id)).toEqual(['ours-copper-lantern', 'ours-marsh-kestrel']);
    expect(store.overlay.extensions.map((x) => x.extends)).toEqual(['apt31']);
    // Both example files together, in either order, end in the same overlay.
    await runOverlayImport(BUNDLE, true, deps);
    expect(store.overlay.entities.map((e) => e.id)).toEqual([
      'ours-copper-lantern',
      'ours-marsh-kestrel',
      'ours-glass-heron',
      'ours-tin-orchard',
    ]);
  });

  it('a refused file or a failed write changes nothing and says why', async () => {
    const { store, deps } = fakeStore();
    expect(await runOverlayImport('{"type": "bundle"}', true, deps)).toEqual({
      ok: false,
      error: 'Not a STIX 2.1 bundle: it has no "objects" list.',
    });
    const failing = fakeStore(EMPTY_OVERLAY, true);
    expect(await runOverlayImport(GALAXY, true, failing.deps)).toEqual({
      ok: false,
      error: 'The disk is full. Nothing was written.',
    });
    expect(store.overlay).toEqual(EMPTY_OVERLAY);
    expect(failing.store.overlay).toEqual(EMPTY_OVERLAY);
  });

  it('leaves out an alias the overlay refuses, and refuses a record whose own name it refuses', async () => {
    const { store, deps } = fakeStore();
    const galaxy = JSON.stringify({
      name: 'G',
      type: 'threat-actor',
      values: [
        { value: 'Quiet Finch', meta: { synonyms: ['QF#2', 'QF-3'] } },
        { value: 'Loud#Finch', meta: { synonyms: ['LF-1'] } },
      ],
    });
    const r = await runOverlayImport(galaxy, true, deps);
    if (!r.ok) throw new Error(r.error);
    expect(r.counts).toEqual({ new: 1, merged: 0, unchanged: 0, conflict: 1 });
    expect(r.items[0]).toMatchObject({ name: 'Quiet Finch', verdict: 'new', added: ['Quiet Finch', 'QF-3'] });
    expect(r.items[0]!.warnings).toEqual([
      'alias "QF#2" left out: “QF#2” cannot be found on a page as written.',
    ]);
    expect(r.items[1]).toMatchObject({
      name: 'Loud#Finch',
      verdict: 'conflict',
      reason: '“Loud#Finch” cannot be found on a page as written.',
    });
    expect(store.overlay.entities.map((e) => [e.name, e.aliases.map((a) => a.name)])).toEqual([
      ['Quiet Finch', ['QF-3']],
    ]);
  });

  it('refuses the file when the overlay as a whole would not take it', async () => {
    const { store, deps } = fakeStore();
    const r = await runOverlayImport(GALAXY, true, {
      ...deps,
      problems: () => [{ key: '', message: 'Your KB has 20001 names; the most it can match is 20000.' }],
    });
    expect(r).toEqual({
      ok: false,
      error: 'Your KB would not accept it: Your KB has 20001 names; the most it can match is 20000.',
    });
    expect(store.writes).toBe(0);
  });
});
