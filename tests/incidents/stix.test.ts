import { describe, expect, it } from 'vitest';
import { toStixBundle } from '../../lib/incidents/stix';
import { OverlayLookup } from '../../lib/overlay/lookup';
import { intrusionSetId } from '../../lib/stix/objects';
import { ownActor } from '../overlay/make';
import { makeIncident, makeIncidents } from './make';
import { stixValidator } from './stix-validator';

const validate = stixValidator();
const NOW = new Date('2025-05-28T12:00:00Z');
const BUNDLE = '11111111-2222-4333-8444-555555555555';

describe('STIX 2.1 export', () => {
  it('produces a bundle the official schemas accept', () => {
    const bundle = toStixBundle(
      [
        makeIncident(1, { occurredAt: '2025-05-01', tags: ['espionage', 'ministry'] }),
        makeIncident(2, { actorIds: [], agencyIds: [], tags: [], url: 'not a url' }),
        makeIncident(3, { actorIds: ['unknown-actor'], agencyIds: ['unknown-agency'] }),
      ],
      NOW,
      BUNDLE,
    );
    const ok = validate(bundle);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('has a report per incident, an intrusion-set per actor with aliases and ATT&CK, identities and attributed-to', () => {
    const bundle = toStixBundle([makeIncident(1), makeIncident(3)], NOW, BUNDLE);
    const of = (t: string) => bundle.objects.filter((o) => o.type === t);
    expect(of('report')).toHaveLength(2);
    const [apt31] = of('intrusion-set');
    expect(apt31).toMatchObject({ name: 'APT31' });
    expect(apt31!.aliases).toEqual(expect.arrayContaining(['Judgment Panda', 'Violet Typhoon']));
    expect(apt31!.external_references).toEqual([
      expect.objectContaining({
        source_name: 'mitre-attack',
        external_id: expect.stringMatching(/^G\d{4}$/),
      }),
    ]);
    const mss = of('identity').find((o) => o.name === 'Ministry of State Security');
    expect(mss).toBeDefined();
    const rel = of('relationship')[0]!;
    expect(rel).toMatchObject({
      relationship_type: 'attributed-to',
      source_ref: apt31!.id,
      target_ref: mss!.id,
    });
    expect(of('report')[0]!.object_refs).toEqual(expect.arrayContaining([apt31!.id, mss!.id, rel.id]));
  });

  it('names actors and agencies the same way in every export', () => {
    const a = toStixBundle([makeIncident(1)], NOW);
    const b = toStixBundle([makeIncident(1)], new Date());
    expect(a.objects.map((o) => o.id)).toEqual(b.objects.map((o) => o.id));
    expect(a.id).not.toBe(b.id);
  });

  it('names the reader’s own actors through the overlay’s lookup, with their sponsor', () => {
    const overlay = new OverlayLookup({ entities: [ownActor({ sponsor: 'cn-mss' })], extensions: [] });
    const incident = makeIncident(1, { actorIds: ['ours-unc-acme-7'], agencyIds: [] });
    const bundle = toStixBundle([incident], NOW, BUNDLE, (id) => overlay.entity(id));
    expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true);
    expect(bundle.objects.find((o) => o.id === intrusionSetId('ours-unc-acme-7'))).toMatchObject({
      name: 'UNC-ACME-7',
      aliases: ['Rusty Kettle', 'Storm-9999'],
    });
    expect(bundle.objects.filter((o) => o.type === 'relationship')).toHaveLength(1);
    // Without it, the id is all the export knows.
    const plain = toStixBundle([incident], NOW, BUNDLE);
    expect(plain.objects.find((o) => o.id === intrusionSetId('ours-unc-acme-7'))!.name).toBe(
      'ours-unc-acme-7',
    );
  });

  it('exports a valid bundle for an empty store', () => {
    expect(validate(toStixBundle([], NOW, BUNDLE))).toBe(true);
  });

  it('the validator does catch a broken bundle', () => {
    const bundle = toStixBundle([makeIncident(1)], NOW, BUNDLE);
    const report = bundle.objects.find((o) => o.type === 'report')!;
    delete report.published;
    expect(validate(bundle)).toBe(false);
  });

  it('exports 1,000 incidents that still validate', () => {
    expect(validate(toStixBundle(makeIncidents(1000), NOW))).toBe(true);
  });
});
