import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_CHARS, MAX_IMPORT_RECORDS } from '../../../lib/fields/import-file';
import type { ImportCandidate, ParsedImportFile } from '../../../lib/overlay/import/candidate';
import { parseImportFile } from '../../../lib/overlay/import/parse';
import { stixObjectValidator } from '../../incidents/stix-validator';

const GALAXY = readFileSync('docs/examples/misp-galaxy.json', 'utf8');
const BUNDLE = readFileSync('docs/examples/stix-bundle.json', 'utf8');

const ok = (r: ParsedImportFile) => {
  if (!r.ok) throw new Error(r.error);
  return r;
};
const errorOf = (value: unknown) => {
  const r = parseImportFile(typeof value === 'string' ? value : JSON.stringify(value));
  if (r.ok) throw new Error('expected the file to be refused');
  return r.error;
};
const byName = (list: ImportCandidate[], name: string) => list.find((c) => c.name === name)!;

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const galaxy = (values: unknown[], over: Record<string, unknown> = {}) => ({
  name: 'Test galaxy',
  type: 'threat-actor',
  uuid: uuid(0),
  values,
  ...over,
});
const bundle = (objects: unknown[]) => ({ type: 'bundle', id: `bundle--${uuid(0)}`, objects });
const sdo = (type: string, n: number, over: Record<string, unknown> = {}) => ({
  type,
  spec_version: '2.1',
  id: `${type}--${uuid(n)}`,
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  ...over,
});
const rel = (n: number, kind: string, source: { id: string }, target: { id: string } | string) =>
  sdo('relationship', n, {
    relationship_type: kind,
    source_ref: source.id,
    target_ref: typeof target === 'string' ? target : target.id,
  });

describe('MISP galaxy cluster files', () => {
  it('reads the example file: names, synonyms, country, links, ATT&CK id from an ATT&CK link', () => {
    const r = ok(parseImportFile(GALAXY));
    expect(r).toMatchObject({ format: 'misp-galaxy', label: 'MISP galaxy "Example team clusters"' });
    expect(r.invalid).toEqual([]);
    expect(r.candidates.map((c) => c.name)).toEqual(['Copper Lantern', 'Marsh Kestrel', 'APT31']);
    expect(byName(r.candidates, 'Copper Lantern')).toMatchObject({
      kind: 'actor',
      aliases: ['ACME-CL-12', 'Lamplighter Crew'],
      country: 'RU',
      links: ['https://intel.example.org/clusters/copper-lantern'],
      source: 'misp-galaxy',
    });
    expect(byName(r.candidates, 'APT31').attackId).toBe('G0128');
  });

  it('takes an ATT&CK id out of the synonyms, drops repeats and non-web links, trims names', () => {
    const r = ok(
      parseImportFile(
        JSON.stringify(
          galaxy([
            {
              value: '  Blue  Finch ',
              uuid: uuid(1),
              meta: {
                synonyms: ['G0042', 'BLUE FINCH', 'Blue Fînch', 'Finch Team', 'finch team'],
                refs: [
                  'javascript:alert(1)',
                  'https://a.example/x',
                  'https://a.example/x',
                  'ftp://b.example/',
                ],
              },
            },
          ]),
        ),
      ),
    );
    expect(r.candidates[0]).toMatchObject({
      name: 'Blue Finch',
      aliases: ['Finch Team'],
      attackId: 'G0042',
      links: ['https://a.example/x'],
    });
  });

  it('reads any galaxy of the same shape; an agency galaxy gives agencies', () => {
    const r = ok(
      parseImportFile(
        JSON.stringify(
          galaxy([{ value: 'Office of Signals', uuid: uuid(1), meta: { country: 'ca' } }], {
            type: 'intelligence-agency',
            category: 'Intelligence Agencies',
          }),
        ),
      ),
    );
    expect(r.candidates[0]).toMatchObject({ kind: 'agency', country: 'CA' });
  });

  it('leaves out a country that is not a code, with a warning, and keeps the record', () => {
    const r = ok(
      parseImportFile(JSON.stringify(galaxy([{ value: 'Xenon Gull', meta: { country: 'mideast' } }]))),
    );
    expect(r.candidates[0]!.country).toBeUndefined();
    expect(r.candidates[0]!.warnings[0]).toMatch(/"mideast" is not an ISO 3166-1 alpha-2 code/);
  });

  it('lists a record it cannot use with the reason and keeps the others', () => {
    const r = ok(
      parseImportFile(
        JSON.stringify(
          galaxy([
            { value: 'Good one', uuid: uuid(1) },
            { value: '   ', uuid: uuid(2) },
            { value: 'x'.repeat(201), uuid: uuid(3) },
            { value: 'Fine', uuid: uuid(4), meta: { synonyms: ['***'] } },
          ]),
        ),
      ),
    );
    expect(r.candidates.map((c) => c.name)).toEqual(['Good one']);
    expect(r.invalid).toEqual([
      { index: 1, id: '   ', reason: 'values[1].value: empty' },
      { index: 2, id: 'x'.repeat(80), reason: 'values[2].value: more than 200 characters (201)' },
      { index: 3, id: 'Fine', reason: 'values[3].meta.synonyms[0]: no letter or digit' },
    ]);
  });

  it('refuses the wrong shape with the reason and where', () => {
    expect(errorOf({ name: 'x', type: 'threat-actor', namespace: 'misp', uuid: uuid(1) })).toMatch(
      /^Not a MISP galaxy cluster file: this is a galaxy definition.*clusters\//,
    );
    expect(errorOf(galaxy({} as never))).toBe(
      'Not a MISP galaxy cluster file: "values" is not a list of clusters.',
    );
    expect(errorOf(galaxy([{ value: 'A' }, { name: 'B' }]))).toBe(
      'Not a MISP galaxy cluster file: values[1] has no "value" (the cluster\'s name).',
    );
    expect(errorOf(galaxy([{ value: 'A', meta: { synonyms: 'B' } }]))).toBe(
      'Not a MISP galaxy cluster file: values[0].meta.synonyms is not a list.',
    );
    expect(errorOf(galaxy(['APT1']))).toBe('Not a MISP galaxy cluster file: values[0] is not an object.');
  });

  it('refuses a uuid used twice', () => {
    expect(
      errorOf(
        galaxy([
          { value: 'A', uuid: uuid(7) },
          { value: 'B', uuid: uuid(7) },
        ]),
      ),
    ).toBe(
      `The galaxy lists the uuid ${uuid(7)} twice (values[0] and values[1]); each cluster needs its own.`,
    );
  });

  it('reads the real threat-actor galaxy from the upstream snapshot', () => {
    let text: string;
    try {
      text = readFileSync('../shared/data/upstream/misp-galaxy/threat-actor.json', 'utf8');
    } catch {
      return; // the shared datasets are absent outside the project's machines
    }
    const r = ok(parseImportFile(text));
    expect(r.candidates.length + r.invalid.length).toBe(JSON.parse(text).values.length);
    expect(r.candidates.find((c) => c.name === 'APT1')).toMatchObject({ attackId: 'G0006', country: 'CN' });
  });
});

describe('STIX 2.1 bundles', () => {
  it('every object of the example bundle is valid STIX 2.1 by the official schemas', () => {
    const validate = stixObjectValidator();
    const { objects } = JSON.parse(BUNDLE) as { objects: { type: string; id: string }[] };
    for (const obj of objects) expect(validate(obj), obj.id).toEqual([]);
  });

  it('reads the example: actors, the agency they are attributed to, countries from locations', () => {
    const r = ok(parseImportFile(BUNDLE));
    expect(r).toMatchObject({ format: 'stix', label: 'STIX 2.1 bundle', invalid: [] });
    // The author identity, the two locations and the relationships are not candidates.
    expect(r.candidates.map((c) => [c.kind, c.name])).toEqual([
      ['agency', 'Ministry of State Security'],
      ['actor', 'Glass Heron'],
      ['actor', 'Tin Orchard'],
    ]);
    expect(r.ignored).toBe(1);
    const mss = byName(r.candidates, 'Ministry of State Security');
    expect(mss.country).toBe('CN');
    expect(byName(r.candidates, 'Glass Heron')).toMatchObject({
      aliases: ['GH-19', 'Heron Team'],
      sponsor: { ref: mss.ref, name: 'Ministry of State Security' },
      links: ['https://intel.example.org/actors/glass-heron'],
    });
    expect(byName(r.candidates, 'Tin Orchard').country).toBe('KP');
  });

  it('reads ATT&CK ids, OpenCTI aliases on an identity and an own country property', () => {
    const r = ok(
      parseImportFile(
        JSON.stringify(
          bundle([
            sdo('intrusion-set', 1, {
              name: 'Set One',
              external_references: [{ source_name: 'mitre-attack', external_id: 'G0128' }],
            }),
            sdo('identity', 2, { name: 'Bureau 9', x_opencti_aliases: ['BN9'], country: 'de' }),
          ]),
        ),
      ),
    );
    expect(r.candidates[0]).toMatchObject({ attackId: 'G0128' });
    expect(r.candidates[1]).toMatchObject({ kind: 'agency', aliases: ['BN9'], country: 'DE' });
  });

  it('refuses a relationship that points outside the bundle', () => {
    const set = sdo('intrusion-set', 1, { name: 'A' });
    const missing = `identity--${uuid(99)}`;
    expect(errorOf(bundle([set, rel(2, 'attributed-to', set, missing)]))).toBe(
      `Broken reference: relationship relationship--${uuid(2)} (objects[1]) has target_ref ${missing}, which is not in the bundle.`,
    );
  });

  it('refuses an id used twice', () => {
    const a = sdo('intrusion-set', 1, { name: 'A' });
    expect(errorOf(bundle([a, { ...a, name: 'B' }]))).toBe(
      `The bundle holds the id intrusion-set--${uuid(1)} twice (objects[0] and objects[1]); each object needs its own.`,
    );
  });

  it('refuses what is not a STIX 2.1 bundle, saying why', () => {
    // A hostile file's text is quoted 80 characters at most.
    expect(errorOf({ type: 'x'.repeat(10_000), objects: [] })).toHaveLength(
      'Not a STIX 2.1 bundle: its "type" is , not "bundle".'.length + 80,
    );
    expect(errorOf({ type: 'report', objects: [] })).toBe(
      'Not a STIX 2.1 bundle: its "type" is "report", not "bundle".',
    );
    expect(errorOf({ type: 'bundle', id: 'bundle--x' })).toBe(
      'Not a STIX 2.1 bundle: it has no "objects" list.',
    );
    expect(errorOf({ type: 'bundle', spec_version: '2.0', objects: [] })).toBe(
      'This is a STIX 2.0 bundle; APT Lens reads STIX 2.1.',
    );
    expect(errorOf(bundle([{ type: 'intrusion-set', id: 'intrusion-set--1', name: 'A' }]))).toBe(
      'Not a STIX 2.1 bundle: objects[0] (intrusion-set) has no STIX id of the form type--uuid.',
    );
    expect(errorOf(bundle([{ ...sdo('intrusion-set', 1), type: 'threat-actor' }]))).toMatch(
      /objects\[0\]'s id intrusion-set--.* does not start with its type "threat-actor--"/,
    );
    expect(errorOf(bundle([sdo('intrusion-set', 1, { name: 'A', spec_version: '2.0' })]))).toBe(
      'Not a STIX 2.1 bundle: objects[0] is STIX "2.0", not 2.1.',
    );
  });

  it('lists an object with no name or bad aliases and keeps the rest', () => {
    const r = ok(
      parseImportFile(
        JSON.stringify(
          bundle([
            sdo('intrusion-set', 1, { name: 'Kept' }),
            sdo('threat-actor', 2, {}),
            sdo('intrusion-set', 3, { name: 'Bad', aliases: 'one' }),
          ]),
        ),
      ),
    );
    expect(r.candidates.map((c) => c.name)).toEqual(['Kept']);
    expect(r.invalid.map((i) => i.reason)).toEqual([
      'objects[1].name: not a string',
      'objects[2].aliases: not a list',
    ]);
  });
});

describe('any file', () => {
  it('refuses a file over the incidents import size limit before parsing it', () => {
    expect(errorOf(' '.repeat(MAX_IMPORT_CHARS + 1))).toMatch(
      /^The file is too large \(32\.0 MB\); the limit is 32 MB\.$/,
    );
  });

  it('refuses more records than the incidents import allows', () => {
    const many = new Array(MAX_IMPORT_RECORDS + 1).fill(0);
    expect(errorOf(galaxy(many))).toBe(
      `The galaxy has ${MAX_IMPORT_RECORDS + 1} clusters; the limit is ${MAX_IMPORT_RECORDS}.`,
    );
    expect(errorOf(bundle(many))).toBe(
      `The bundle has ${MAX_IMPORT_RECORDS + 1} objects; the limit is ${MAX_IMPORT_RECORDS}.`,
    );
  });

  it('refuses invalid JSON and other JSON with what was expected', () => {
    expect(errorOf('{"values": [')).toMatch(/^The file is not valid JSON \(/);
    expect(errorOf({ format: 'apt-lens.incidents' })).toMatch(
      /^The file is neither a MISP galaxy cluster file .* nor a STIX 2.1 bundle/,
    );
    expect(errorOf([1, 2])).toMatch(/^The file is neither/);
  });
});
