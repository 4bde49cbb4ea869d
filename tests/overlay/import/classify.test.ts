import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { loadKb } from '../../../lib/kb/index';
import type { ImportCandidate } from '../../../lib/overlay/import/candidate';
import { type ImportPlan, type PlanContext, planOverlayImport } from '../../../lib/overlay/import/classify';
import { parseImportFile } from '../../../lib/overlay/import/parse';
import {
  EMPTY_OVERLAY,
  isExtension,
  MAX_OVERLAY_ENTRIES,
  type Overlay,
  type OverlayEntity,
  OverlayEntrySchema,
} from '../../../lib/overlay/model';

const NOW = '2026-12-01T10:00:00.000Z';
const kb = loadKb();

const ctx = (overlay: Overlay = EMPTY_OVERLAY, label = 'Test file'): PlanContext => ({
  kb,
  overlay,
  label,
  now: NOW,
});

let n = 0;
const cand = (over: Partial<ImportCandidate>): ImportCandidate => ({
  ref: `ref-${++n}`,
  index: n,
  kind: 'actor',
  name: 'Unnamed',
  aliases: [],
  links: [],
  source: 'stix',
  warnings: [],
  ...over,
});

const plan = (candidates: ImportCandidate[], c: PlanContext = ctx()): ImportPlan => {
  const r = planOverlayImport(candidates, c);
  if (!r.ok) throw new Error(r.error);
  return r;
};

const planFile = (path: string, overlay: Overlay = EMPTY_OVERLAY) => {
  const parsed = parseImportFile(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  return plan(parsed.candidates, ctx(overlay, parsed.label));
};

/** The overlay after writing a plan's entries over `overlay` (what the store's batch write does). */
const applied = (overlay: Overlay, p: ImportPlan): Overlay => {
  const entities = new Map(overlay.entities.map((e) => [e.id, e]));
  const extensions = new Map(overlay.extensions.map((x) => [x.extends, x]));
  for (const w of p.writes) {
    if (isExtension(w)) extensions.set(w.extends, w);
    else entities.set(w.id, w);
  }
  return { entities: [...entities.values()], extensions: [...extensions.values()] };
};

const ours = (over: Partial<OverlayEntity>): OverlayEntity => ({
  id: 'ours-x',
  kind: 'actor',
  name: 'X',
  aliases: [],
  notes: '',
  links: [],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...over,
});

describe('the example files', () => {
  it('MISP galaxy: two groups of our own, one new name for APT31', () => {
    const p = planFile('docs/examples/misp-galaxy.json');
    expect(p.counts).toEqual({ new: 2, merged: 1, unchanged: 0, conflict: 0 });
    expect(p.items.map((i) => [i.name, i.verdict, i.target?.id, i.matchedBy])).toEqual([
      ['Copper Lantern', 'new', 'ours-copper-lantern', undefined],
      ['Marsh Kestrel', 'new', 'ours-marsh-kestrel', undefined],
      ['APT31', 'merged', 'apt31', 'ATT&CK G0128'],
    ]);
    expect(p.items[2]!.added).toEqual(['ACME-CN-31']);
    const source = 'MISP galaxy "Example team clusters"';
    expect(p.writes).toEqual([
      {
        id: 'ours-copper-lantern',
        kind: 'actor',
        name: 'Copper Lantern',
        aliases: [
          { name: 'ACME-CL-12', source, imported: true },
          { name: 'Lamplighter Crew', source, imported: true },
        ],
        country: 'RU',
        notes: 'Fictional group used by the APT Lens import example.',
        links: ['https://intel.example.org/clusters/copper-lantern'],
        createdAt: NOW,
        updatedAt: NOW,
        origin: source,
      },
      expect.objectContaining({
        id: 'ours-marsh-kestrel',
        country: 'IR',
        aliases: [{ name: 'MK-3', source, imported: true }],
      }),
      {
        extends: 'apt31',
        aliases: [{ name: 'ACME-CN-31', source, imported: true }],
        notes: '',
        links: [],
        createdAt: NOW,
        updatedAt: NOW,
      },
    ]);
    // Every write fits the overlay's contract.
    for (const w of p.writes) expect(v.safeParse(OverlayEntrySchema, w).success).toBe(true);
  });

  it("STIX bundle: the sponsor settles on China's MSS by its location; the actors are new", () => {
    const p = planFile('docs/examples/stix-bundle.json');
    expect(p.counts).toEqual({ new: 2, merged: 0, unchanged: 1, conflict: 0 });
    const mss = p.items.find((i) => i.name === 'Ministry of State Security')!;
    expect(mss).toMatchObject({
      verdict: 'unchanged',
      target: { id: 'cn-mss', origin: 'bundled' },
      matchedBy: 'name "Ministry of State Security" in CN',
    });
    expect(p.writes).toEqual([
      expect.objectContaining({ id: 'ours-glass-heron', sponsor: 'cn-mss', aliases: expect.any(Array) }),
      expect.objectContaining({ id: 'ours-tin-orchard', country: 'KP' }),
    ]);
  });

  it('importing a file again changes nothing', () => {
    for (const path of ['docs/examples/misp-galaxy.json', 'docs/examples/stix-bundle.json']) {
      const first = planFile(path);
      const again = planFile(path, applied(EMPTY_OVERLAY, first));
      expect(again.writes).toEqual([]);
      expect(again.counts.unchanged).toBe(again.items.length);
    }
  });
});

describe('merging with the bundled KB', () => {
  it('matches names ignoring case, diacritics, spacing and punctuation, as the matcher does', () => {
    const p = plan([
      cand({ kind: 'agency', name: 'nukib', aliases: ['Czech cyber agency'] }),
      cand({ name: 'apt 31' }),
    ]);
    expect(p.items[0]).toMatchObject({
      verdict: 'merged',
      target: { id: 'cz-nukib' },
      matchedBy: 'name "nukib"',
      added: ['Czech cyber agency'],
    });
    // Spacing and punctuation do not matter either: the matcher finds "APT31" written "apt 31".
    expect(p.items[1]).toMatchObject({ verdict: 'unchanged', target: { id: 'apt31' }, added: [] });
    expect(plan([cand({ name: 'Judgment  PANDA' })]).items[0]).toMatchObject({
      verdict: 'unchanged',
      target: { id: 'apt31' },
    });
  });

  it('matches by ATT&CK id when no name is known', () => {
    const p = plan([cand({ name: 'Harbor Owl', attackId: 'G0128' })]);
    expect(p.items[0]).toMatchObject({ verdict: 'merged', target: { id: 'apt31' }, added: ['Harbor Owl'] });
  });

  it('never gives an entity a name of another kind of entity', () => {
    // MSS is an agency's abbreviation: an actor called MSS cannot be placed, an actor's alias MSS is left out.
    expect(plan([cand({ name: 'MSS' })]).items[0]).toMatchObject({
      verdict: 'conflict',
      reason: 'name "MSS" is already the name of the agency Ministry of State Security',
    });
    const p = plan([cand({ name: 'Copper Lantern', aliases: ['MSS'] })]);
    expect(p.items[0]).toMatchObject({ verdict: 'new', added: ['Copper Lantern'] });
    expect(p.items[0]!.warnings).toEqual([
      'alias "MSS" is already the name of the agency Ministry of State Security: left out',
    ]);
  });

  it('a sponsor of the same line (GRU and its unit) agrees; a country or sponsor that contradicts conflicts', () => {
    const gru = cand({ kind: 'agency', name: 'GRU', ref: 'gru' });
    const rgb = cand({ kind: 'agency', name: 'Reconnaissance General Bureau', ref: 'rgb' });
    const p = plan([
      cand({ name: 'APT28', aliases: ['Sednit team'], sponsor: { ref: 'gru', name: 'GRU' } }),
      cand({ name: 'APT31', sponsor: { ref: 'rgb', name: 'RGB' } }),
      cand({ name: 'APT29', country: 'CN' }),
      gru,
      rgb,
    ]);
    expect(p.items.map((i) => [i.name, i.verdict, i.reason])).toEqual([
      ['APT28', 'merged', undefined],
      [
        'APT31',
        'conflict',
        'the file says sponsored by Reconnaissance General Bureau, APT31 by Ministry of State Security',
      ],
      ['APT29', 'conflict', 'the file says country CN, APT29 is RU'],
      ['GRU', 'unchanged', undefined],
      ['Reconnaissance General Bureau', 'unchanged', undefined],
    ]);
    expect(p.writes).toEqual([expect.objectContaining({ extends: 'apt28' })]);
  });

  it('a record naming two different entities is a conflict, and nothing of it is written', () => {
    const p = plan([cand({ name: 'APT28', aliases: ['Cozy Bear'] })]);
    expect(p.items[0]).toMatchObject({
      verdict: 'conflict',
      reason: 'matches APT28 (by name "APT28") and APT29 (by alias "Cozy Bear")',
    });
    expect(p.writes).toEqual([]);
  });

  it('an ATT&CK id decides between groups a name also points at; an id the KB lacks conflicts', () => {
    const byId = plan([cand({ name: 'APT28', aliases: ['Quiet Falcon 7'], attackId: 'G0016' })]).items[0]!;
    expect(byId).toMatchObject({
      verdict: 'merged',
      target: { id: 'apt29' },
      matchedBy: 'ATT&CK G0016',
      added: ['Quiet Falcon 7'],
    });
    expect(byId.warnings).toContain('name "APT28" is also a name of APT28; ATT&CK G0016 decides');
    // An id the KB does not know still contradicts the one the matched entity has.
    expect(plan([cand({ name: 'Fancy Bear', attackId: 'G0999' })]).items[0]).toMatchObject({
      verdict: 'conflict',
      reason: 'the file says ATT&CK G0999, APT28 is G0007',
    });
  });

  it("a name several entities share is a conflict unless the file's country settles it", () => {
    const shared = plan([cand({ kind: 'agency', name: 'Ministry of State Security' })]).items[0]!;
    expect(shared.verdict).toBe('conflict');
    expect(shared.reason).toMatch(
      /^name "Ministry of State Security" names Ministry of State Security, Ministry of State Security/,
    );
    const settled = plan([cand({ kind: 'agency', name: 'Ministry of State Security', country: 'KP' })])
      .items[0]!;
    expect(settled).toMatchObject({ verdict: 'unchanged', target: { id: 'kp-mss' } });
  });

  it('only adds names to a bundled entity, and says what it left out', () => {
    const bare = kb.actors.find((a) => !a.country && !a.sponsor)!;
    const p = plan([
      cand({ kind: 'agency', name: 'GRU', ref: 'g' }),
      cand({ name: bare.name, aliases: ['Extra name'], country: 'FR', sponsor: { ref: 'g', name: 'GRU' } }),
    ]);
    expect(p.items[1]).toMatchObject({ verdict: 'merged', target: { id: bare.id }, added: ['Extra name'] });
    expect(p.items[1]!.warnings).toEqual([
      'country FR is not added to a bundled entity',
      'a sponsor is not added to a bundled entity',
    ]);
    expect(p.writes).toEqual([expect.objectContaining({ extends: bare.id })]);
  });
});

describe('merging with the overlay and within the file', () => {
  const overlay: Overlay = {
    entities: [
      ours({
        id: 'ours-copper-lantern',
        name: 'Copper Lantern',
        aliases: [{ name: 'CL-12', source: 'ours' }],
      }),
    ],
    extensions: [
      {
        extends: 'apt31',
        aliases: [{ name: 'ACME-CN-31', source: 'ours' }],
        notes: 'ours',
        links: [],
        createdAt: '2026-11-01T00:00:00.000Z',
        updatedAt: '2026-11-01T00:00:00.000Z',
      },
    ],
  };

  it('merges into an overlay entity: new names, a missing country and links are added; its own are kept', () => {
    const p = plan(
      [
        cand({
          name: 'cl-12',
          aliases: ['Lamplighter'],
          country: 'RU',
          links: ['https://x.example/'],
          notes: 'n',
        }),
      ],
      ctx(overlay),
    );
    expect(p.items[0]).toMatchObject({
      verdict: 'merged',
      target: { id: 'ours-copper-lantern', origin: 'overlay' },
      matchedBy: 'name "cl-12"',
      added: ['Lamplighter'],
    });
    expect(p.writes).toEqual([
      {
        ...overlay.entities[0],
        aliases: [
          { name: 'CL-12', source: 'ours' },
          { name: 'Lamplighter', source: 'Test file', imported: true },
        ],
        country: 'RU',
        notes: 'n',
        links: ['https://x.example/'],
        updatedAt: NOW,
      },
    ]);
  });

  it('a country that contradicts an overlay entity conflicts', () => {
    const withCountry: Overlay = { ...overlay, entities: [{ ...overlay.entities[0]!, country: 'RU' }] };
    expect(plan([cand({ name: 'Copper Lantern', country: 'CN' })], ctx(withCountry)).items[0]).toMatchObject({
      verdict: 'conflict',
      reason: 'the file says country CN, Copper Lantern (your KB) is RU',
    });
  });

  it('a name the reader added to a bundled entity matches that entity; new names join the extension', () => {
    const p = plan([cand({ name: 'acme-cn-31', aliases: ['Harbor Owl'] })], ctx(overlay));
    expect(p.items[0]).toMatchObject({ verdict: 'merged', target: { id: 'apt31', origin: 'bundled' } });
    expect(p.writes).toEqual([
      {
        ...overlay.extensions[0],
        aliases: [
          { name: 'ACME-CN-31', source: 'ours' },
          { name: 'Harbor Owl', source: 'Test file', imported: true },
        ],
        updatedAt: NOW,
      },
    ]);
  });

  it('two records of one group in the same file become one entry', () => {
    const p = plan([
      cand({ name: 'Glass Heron', aliases: ['GH-19'] }),
      cand({ name: 'GH-19', aliases: ['Heron Team'], country: 'CN' }),
    ]);
    expect(p.items.map((i) => [i.verdict, i.target?.origin])).toEqual([
      ['new', 'file'],
      ['merged', 'file'],
    ]);
    expect(p.writes).toEqual([
      expect.objectContaining({
        id: 'ours-glass-heron',
        country: 'CN',
        aliases: [
          { name: 'GH-19', source: 'Test file', imported: true },
          { name: 'Heron Team', source: 'Test file', imported: true },
        ],
      }),
    ]);
  });

  it('gives a new entity a free id', () => {
    const p = plan(
      [cand({ name: 'X' }), cand({ name: 'X Ω' })],
      ctx({ entities: [ours({ name: 'Y' })], extensions: [] }),
    );
    expect(p.writes.map((w) => ('id' in w ? w.id : w.extends))).toEqual(['ours-x-2', 'ours-x-3']);
    expect(p.items[1]).toMatchObject({ verdict: 'new', target: { id: 'ours-x-3' } });
  });

  it('a sponsor that was not imported is left out with a warning', () => {
    const p = plan([cand({ name: 'Lone Wolf', sponsor: { ref: 'missing', name: 'Nobody' } })]);
    expect(p.items[0]!.warnings).toEqual(['sponsor "Nobody" is not imported, so it is left out']);
    expect(p.writes[0]).not.toHaveProperty('sponsor');
  });

  it('refuses an import that would take the overlay past its size limit', () => {
    const many = Array.from({ length: MAX_OVERLAY_ENTRIES }, (_, i) =>
      ours({ id: `ours-e${i}`, name: `Entity ${i}` }),
    );
    const r = planOverlayImport([cand({ name: 'One more' })], ctx({ entities: many, extensions: [] }));
    expect(r).toEqual({
      ok: false,
      error: `Your KB would hold ${MAX_OVERLAY_ENTRIES + 1} entries; the limit is ${MAX_OVERLAY_ENTRIES}.`,
    });
  });
});
