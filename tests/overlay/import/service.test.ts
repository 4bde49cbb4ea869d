import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openOverlayDb, readOverlay } from '../../../lib/overlay/db';
import { importIntoOverlay } from '../../../lib/overlay/import/service';
import type { OverlayMatcherFile } from '../../../lib/overlay/matcher';
import { loadOverlayMatcher } from '../../../lib/overlay/matcher';
import { OverlayService } from '../../../lib/overlay/service';

const GALAXY = readFileSync('docs/examples/misp-galaxy.json', 'utf8');
const BUNDLE = readFileSync('docs/examples/stix-bundle.json', 'utf8');
const NOW = new Date('2026-12-01T10:00:00Z');

let n = 0;
/** The background's overlay service over a fresh fake-indexeddb database, recording what it publishes. */
function setup() {
  const db = openOverlayDb(`overlay-import-${++n}`);
  const published: (OverlayMatcherFile | null)[] = [];
  const service = new OverlayService({
    open: () => db,
    publish: async (f) => {
      published.push(f);
    },
    announce: () => undefined,
    now: () => NOW.toISOString(),
  });
  const stored = async () => (await readOverlay(await db)).overlay;
  return { service, published, stored };
}

describe('overlay:import against the real store and checks', () => {
  it('writes both example files; the tabs get a matcher that finds the imported names', async () => {
    const { service, published, stored } = setup();
    const dry = await importIntoOverlay(service, GALAXY, false, () => NOW);
    expect(dry).toMatchObject({ ok: true, counts: { new: 2, merged: 1, unchanged: 0, conflict: 0 } });
    expect(published).toEqual([]);
    expect(await importIntoOverlay(service, GALAXY, true, () => NOW)).toEqual({ ...dry, applied: true });
    const bundle = await importIntoOverlay(service, BUNDLE, true, () => NOW);
    expect(bundle).toMatchObject({ ok: true, counts: { new: 2, merged: 0, unchanged: 1, conflict: 0 } });
    const overlay = await stored();
    expect(overlay.entities.map((e) => e.id).sort()).toEqual([
      'ours-copper-lantern',
      'ours-glass-heron',
      'ours-marsh-kestrel',
      'ours-tin-orchard',
    ]);
    expect(overlay.entities.find((e) => e.id === 'ours-glass-heron')?.sponsor).toBe('cn-mss');
    expect(overlay.extensions).toEqual([expect.objectContaining({ extends: 'apt31' })]);
    const matcher = loadOverlayMatcher(JSON.parse(JSON.stringify(published.at(-1))));
    const found =
      matcher?.findMentions(
        'Analysts tied the Lamplighter Crew to the ransomware attack, and GH-19 to ACME-CN-31.',
      ) ?? [];
    expect(found.map((m) => m.id)).toEqual(['ours-copper-lantern', 'ours-glass-heron', 'apt31']);
    // A second import of the same file finds everything known and writes nothing.
    const again = await importIntoOverlay(service, GALAXY, true, () => NOW);
    expect(again).toMatchObject({ ok: true, writes: 0, counts: { unchanged: 3 } });
    expect(published).toHaveLength(2);
  });

  it('leaves out a name the overlay refuses (one a page cannot hold) and says so', async () => {
    const { service, stored } = setup();
    const galaxy = JSON.stringify({
      name: 'G',
      type: 'threat-actor',
      values: [{ value: 'Quiet Finch', meta: { synonyms: ['QF##2', 'QF-3'] } }],
    });
    const r = await importIntoOverlay(service, galaxy, true, () => NOW);
    if (!r.ok) throw new Error(r.error);
    expect(r.items[0]).toMatchObject({ verdict: 'new', added: ['Quiet Finch', 'QF-3'] });
    expect(r.items[0]!.warnings).toEqual([
      expect.stringMatching(/^alias "QF##2" left out: “QF##2” cannot be found/),
    ]);
    expect((await stored()).entities[0]!.aliases.map((a) => a.name)).toEqual(['QF-3']);
  });

  it('a refused file changes nothing', async () => {
    const { service, published, stored } = setup();
    const broken = BUNDLE.replace(
      /"target_ref": "identity--[0-9a-f-]+"/,
      '"target_ref": "identity--00000000-0000-4000-8000-000000000000"',
    );
    expect(await importIntoOverlay(service, broken, true, () => NOW)).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^Broken reference: relationship relationship--.* which is not in the bundle\.$/,
      ),
    });
    expect(await stored()).toEqual({ entities: [], extensions: [] });
    expect(published).toEqual([]);
  });
});
