import { describe, expect, it } from 'vitest';
import { loadKb } from '../../../lib/kb/index';
import { planOverlayImport } from '../../../lib/overlay/import/classify';
import { parseImportFile } from '../../../lib/overlay/import/parse';
import { EMPTY_OVERLAY } from '../../../lib/overlay/model';
import { importIntoEmpty } from '../../../scripts/overlay/measure-import';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const parse = (data: unknown) => {
  const r = parseImportFile(JSON.stringify(data));
  if (!r.ok) throw new Error(r.error);
  return r;
};
const galaxy = (values: unknown[]) => ({ name: 'Test', type: 'threat-actor', uuid: uuid(0), values });
const kb = loadKb();
const G0130 = kb.actors.find((a) => a.attackId === 'G0130')!;

describe('ATT&CK ids where each galaxy keeps them', () => {
  it('mitre-intrusion-set: `meta.external_id`, and the id written after the name is not part of it', () => {
    const r = parse(
      galaxy([
        {
          value: 'Ajax Security Team - G0130',
          uuid: uuid(1),
          meta: { external_id: 'G0130', synonyms: ['Ajax Sec Crew Nine'] },
        },
      ]),
    );
    expect(r.candidates[0]).toMatchObject({ name: 'Ajax Security Team', attackId: 'G0130' });
    const plan = planOverlayImport(r.candidates, {
      kb,
      overlay: EMPTY_OVERLAY,
      label: r.label,
      now: '2026-12-01T00:00:00.000Z',
    });
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.items[0]).toMatchObject({
      verdict: 'merged',
      target: { id: G0130.id },
      added: ['Ajax Sec Crew Nine'],
    });
  });

  it('Tidal: `meta.group_attack_id`, but not the ids Tidal numbers its own groups with (G3000 up)', () => {
    const r = parse(
      galaxy([
        { value: 'Quiet Heron', uuid: uuid(1), meta: { group_attack_id: 'G0130' } },
        {
          value: 'LockBit Ransomware Actors & Affiliates',
          uuid: uuid(2),
          meta: { group_attack_id: 'G3013' },
        },
      ]),
    );
    expect(r.candidates.map((c) => c.attackId)).toEqual(['G0130', undefined]);
  });
});

describe('revoked and deprecated objects are left out, not listed as conflicts', () => {
  it('in a MISP galaxy: `revoked`, a `revoked-by` relation, `x_mitre_deprecated`, or "(Deprecated)" in the name', () => {
    const r = parse(
      galaxy([
        { value: 'Charming Kitten - G0058', uuid: uuid(1), revoked: true, meta: { external_id: 'G0058' } },
        { value: 'APT34 - G0057', uuid: uuid(2), related: [{ 'dest-uuid': uuid(9), type: 'revoked-by' }] },
        { value: 'Old Group', uuid: uuid(3), meta: { x_mitre_deprecated: true } },
        { value: 'APT42 (Deprecated)', uuid: uuid(4), meta: { group_attack_id: 'G3050' } },
        { value: 'Quiet Heron', uuid: uuid(5) },
      ]),
    );
    expect(r.candidates.map((c) => c.name)).toEqual(['Quiet Heron']);
    expect(r.retired).toBe(4);
    expect(r.invalid).toEqual([]);
  });

  it('in a STIX bundle: `revoked` and `x_mitre_deprecated`', () => {
    const sdo = (n: number, over: Record<string, unknown>) => ({
      type: 'intrusion-set',
      spec_version: '2.1',
      id: `intrusion-set--${uuid(n)}`,
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      ...over,
    });
    const r = parse({
      type: 'bundle',
      id: `bundle--${uuid(0)}`,
      objects: [
        sdo(1, { name: 'Charming Kitten', revoked: true }),
        sdo(2, { name: 'Old Group', x_mitre_deprecated: true }),
        sdo(3, { name: 'Quiet Heron' }),
      ],
    });
    expect(r.candidates.map((c) => c.name)).toEqual(['Quiet Heron']);
    expect(r.retired).toBe(2);
  });
});

describe('an import cannot plant stop words or names too short', () => {
  it('a galaxy naming "the" and adding "with" and "a" to APT31 writes none of them', async () => {
    const { report, overlay } = await importIntoEmpty(
      JSON.stringify(
        galaxy([
          { value: 'the', uuid: uuid(1), meta: { synonyms: ['and'] } },
          { value: 'APT31', uuid: uuid(2), meta: { synonyms: ['with', 'a', 'Quiet Falcon 31'] } },
          { value: 'J', uuid: uuid(3), meta: { synonyms: ['Jay Crew Nine'] } },
        ]),
      ),
    );
    if (!report.ok) throw new Error(report.error);
    const names = [
      ...overlay.entities.flatMap((e) => [e.name, ...e.aliases.map((a) => a.name)]),
      ...overlay.extensions.flatMap((x) => x.aliases.map((a) => a.name)),
    ];
    expect(names.sort()).toEqual(['Jay Crew Nine', 'Quiet Falcon 31']);
    expect(report.invalid).toEqual([
      { index: 0, id: 'the', reason: 'values[0].value "the": a word every text uses is not a name' },
    ]);
    const apt31 = report.items.find((it) => it.name === 'APT31')!;
    expect(apt31.warnings).toEqual([
      'alias "with" left out: a word every text uses is not a name',
      'alias "a" left out: a name needs at least three letters or digits',
    ]);
  });
});

describe('brackets after an actor’s name', () => {
  it('a qualifier is left out of the name, with a warning; another name becomes an alias', () => {
    const r = parse(
      galaxy([
        { value: 'Quiet Heron Ransomware (Fake)', uuid: uuid(1) },
        { value: 'Defray (Glushkov)', uuid: uuid(2) },
        { value: 'NoName057(16)', uuid: uuid(3) },
      ]),
    );
    expect(r.candidates.map((c) => [c.name, c.aliases, c.warnings])).toEqual([
      ['Quiet Heron Ransomware', [], ['"(Fake)" left out of the name']],
      ['Defray', ['Glushkov'], []],
      ['NoName057', [], ['alias "16" left out: a number alone is not a name']],
    ]);
  });

  it('an agency’s brackets are left as they are: "(Armenia)" says whose body it is', () => {
    const r = parse({
      ...galaxy([{ value: 'National Security Service (Armenia)', uuid: uuid(1) }]),
      type: 'intelligence-agencies',
    });
    expect(r.candidates[0]!.name).toBe('National Security Service (Armenia)');
  });
});
