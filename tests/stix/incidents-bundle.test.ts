import { v5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import manifest from '../../data/kb/manifest.json';
import type { Claim } from '../../lib/incidents/model';
import { OverlayLookup } from '../../lib/overlay/lookup';
import { agencyNamed, claimsOf, incidentReportId, toStixBundle } from '../../lib/stix/incidents-bundle';
import {
  APT_LENS_NAMESPACE,
  agencyIdentityId,
  intrusionSetId,
  KB_CREATED,
  STIX_SCO_NAMESPACE,
  sponsorId,
  uuidV5,
} from '../../lib/stix/objects';
import { makeIncident, makeIncidents } from '../incidents/make';
import { officialRules, platformRefusals, stixValidator } from '../incidents/stix-validator';
import { ownActor } from '../overlay/make';

const validate = stixValidator();
const BUNDLE = '11111111-2222-4333-8444-555555555555';

/** The passage of the seed story that blames APT31, saved with its claimant and their words. */
const PRAGUE = makeIncident(7, {
  title: 'Czech foreign ministry breach',
  url: 'https://news.example/2025/05/28/prague-apt31',
  site: 'news.example',
  pageTitle: 'Prague blames China for ministry hack',
  quote: {
    exact:
      "All three of Prague's intelligence agencies and its cybersecurity agency assessed with 'a high degree of certainty' that the cyber-espionage activity was perpetrated by APT31.",
    prefix: '',
    suffix: '',
  },
  actorIds: ['apt31'],
  agencyIds: ['cz-mfa'],
  occurredAt: '2025-05-28',
  createdAt: '2025-06-01T09:00:00.000Z',
  updatedAt: '2025-06-02T09:00:00.000Z',
  attribution: { claimant: 'Czech government', confidence: 'a high degree of certainty' },
});

type Obj = Record<string, unknown> & { type: string; id: string };
const of = (bundle: { objects: Obj[] }, t: string) => bundle.objects.filter((o) => o.type === t);

/** The official validator's verdict as far as it can run here: JSON schemas, then its MUSTs and SHOULDs. */
function expectOfficiallyValid(bundle: { objects: Obj[] }) {
  expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true);
  const rules = officialRules(bundle);
  expect(rules.errors).toEqual([]);
  expect(rules.warnings).toEqual([]);
  expect(platformRefusals(bundle)).toEqual([]);
}

describe('STIX 2.1 export', () => {
  it('produces a bundle the official schemas and the validator’s rules accept, and OpenCTI and MISP load', () => {
    const bundle = toStixBundle(
      [
        makeIncident(1, { occurredAt: '2025-05-01', tags: ['espionage', 'ministry'] }),
        makeIncident(2, { actorIds: [], agencyIds: [], tags: [], url: 'not a url' }),
        makeIncident(3, { actorIds: ['unknown-actor'], agencyIds: ['unknown-agency'] }),
        PRAGUE,
      ],
      BUNDLE,
    );
    expectOfficiallyValid(bundle);
  });

  it('has a report per incident, an intrusion-set per actor with aliases and ATT&CK, and the sponsor', () => {
    const bundle = toStixBundle([makeIncident(1), makeIncident(3)], BUNDLE);
    expect(of(bundle, 'report')).toHaveLength(2);
    const [apt31] = of(bundle, 'intrusion-set');
    expect(apt31).toMatchObject({ name: 'APT31' });
    expect(apt31!.aliases).toEqual(expect.arrayContaining(['Judgment Panda', 'Violet Typhoon']));
    expect(apt31!.external_references).toEqual([
      expect.objectContaining({
        source_name: 'mitre-attack',
        external_id: expect.stringMatching(/^G\d{4}$/),
      }),
    ]);
    // The sponsor: intrusion-set → attributed-to → threat-actor → attributed-to → identity.
    const mss = of(bundle, 'identity').find((o) => o.id === agencyIdentityId('cn-mss'))!;
    expect(mss).toMatchObject({
      name: 'Ministry of State Security (China)',
      identity_class: 'organization',
      sectors: ['government-national'],
    });
    const sponsor = of(bundle, 'threat-actor')[0]!;
    expect(sponsor).toMatchObject({
      id: sponsorId('cn-mss'),
      name: 'Ministry of State Security (China)',
      threat_actor_types: ['nation-state'],
    });
    const rels = of(bundle, 'relationship');
    expect(rels.map((r) => [r.source_ref, r.relationship_type, r.target_ref])).toEqual([
      [sponsor.id, 'attributed-to', mss.id],
      [apt31!.id, 'attributed-to', sponsor.id],
    ]);
    expect(of(bundle, 'report')[0]!.object_refs).toEqual(
      expect.arrayContaining([apt31!.id, mss.id, sponsor.id, ...rels.map((r) => r.id)]),
    );
  });

  it('names agencies with their country, so two countries’ ministries stay apart', () => {
    const bundle = toStixBundle([makeIncident(1, { agencyIds: ['cz-mfa', 'cz-nukib'] })], BUNDLE);
    const names = of(bundle, 'identity').map((o) => o.name);
    expect(names).toContain('Ministry of Foreign Affairs (Czechia)');
    expect(names).toContain('National Cyber and Information Security Agency (Czechia)');
  });

  it('names every object the same way, with the same timestamps, in every export', () => {
    const a = toStixBundle([makeIncident(1), PRAGUE]);
    const b = toStixBundle([makeIncident(1), PRAGUE]);
    expect(a.objects).toEqual(b.objects);
    expect(a.id).not.toBe(b.id);
  });

  it('stamps KB objects with a fixed created and the KB date as modified, incident objects with the incident’s', () => {
    const bundle = toStixBundle([PRAGUE], BUNDLE);
    for (const o of bundle.objects) {
      if (o.type === 'report' || o.type === 'note') {
        expect([o.created, o.modified]).toEqual(['2025-06-01T09:00:00.000Z', '2025-06-02T09:00:00.000Z']);
      } else if (o.type === 'identity' && !String(o.name).includes('(')) {
        expect([o.created, o.modified]).toEqual([KB_CREATED, KB_CREATED]);
      } else {
        expect([o.id, o.created, o.modified]).toEqual([
          o.id,
          KB_CREATED,
          `${manifest.builtAt}T00:00:00.000Z`,
        ]);
      }
    }
  });

  it('makes ids in its own namespace, never the one STIX reserves for cyber observables (§2.9)', () => {
    expect(APT_LENS_NAMESPACE).not.toBe(STIX_SCO_NAMESPACE);
    expect(intrusionSetId('apt31')).toBe(`intrusion-set--${v5('apt-lens:actor:apt31', APT_LENS_NAMESPACE)}`);
    expect(intrusionSetId('apt31')).not.toContain(v5('apt-lens:actor:apt31', STIX_SCO_NAMESPACE));
    expect(incidentReportId(PRAGUE.id)).toBe(`report--${uuidV5(`apt-lens:incident:${PRAGUE.id}`)}`);
    // The only thing the validator's SHOULDs say: deterministic ids are UUIDv5, not v4 (docs/stix.md).
    const rules = officialRules(toStixBundle([PRAGUE], BUNDLE));
    expect(rules.uuidV5.length).toBeGreaterThan(0);
    expect(rules.uuidV5.every((id) => id.split('--')[1]![14] === '5')).toBe(true);
  });

  it('names the reader’s own actors through the overlay’s lookup, with their sponsor', () => {
    const overlay = new OverlayLookup({ entities: [ownActor({ sponsor: 'cn-mss' })], extensions: [] });
    const incident = makeIncident(1, { actorIds: ['ours-unc-acme-7'], agencyIds: [] });
    const bundle = toStixBundle([incident], BUNDLE, (id) => overlay.entity(id));
    expectOfficiallyValid(bundle);
    expect(bundle.objects.find((o) => o.id === intrusionSetId('ours-unc-acme-7'))).toMatchObject({
      name: 'UNC-ACME-7',
      aliases: ['Rusty Kettle', 'Storm-9999'],
    });
    const toSponsor = of(bundle, 'relationship').filter(
      (r) => r.source_ref === intrusionSetId('ours-unc-acme-7'),
    );
    expect(toSponsor).toEqual([expect.objectContaining({ target_ref: sponsorId('cn-mss') })]);
    expect(toSponsor[0]).not.toHaveProperty('confidence');
    // Without it, the id is all the export knows.
    const plain = toStixBundle([incident], BUNDLE);
    expect(plain.objects.find((o) => o.id === intrusionSetId('ours-unc-acme-7'))!.name).toBe(
      'ours-unc-acme-7',
    );
  });

  it('exports a valid bundle for an empty store', () => {
    expectOfficiallyValid(toStixBundle([], BUNDLE));
  });

  it('the validator does catch a broken bundle', () => {
    const bundle = toStixBundle([makeIncident(1)], BUNDLE);
    const report = bundle.objects.find((o) => o.type === 'report')!;
    delete report.published;
    expect(validate(bundle)).toBe(false);
    const late = toStixBundle([makeIncident(1)], BUNDLE);
    late.objects.at(-1)!.modified = '2000-01-01T00:00:00.000Z';
    expect(officialRules(late).errors).toHaveLength(1);
  });

  it('the rules catch what OpenCTI refuses: an intrusion set attributed straight to an identity', () => {
    const bundle = toStixBundle([makeIncident(1)], BUNDLE);
    const rel = of(bundle, 'relationship').find((r) => r.source_ref === intrusionSetId('apt31'))!;
    rel.target_ref = agencyIdentityId('cn-mss');
    expect(officialRules(bundle).warnings).toEqual([
      expect.stringMatching(/^relationship-types: intrusion-set attributed-to identity/),
    ]);
    expect(platformRefusals(bundle)).toEqual([
      'OpenCTI: intrusion-set attributed-to identity is not allowed',
    ]);
  });

  it('exports 1,000 incidents that still validate', () => {
    expect(validate(toStixBundle(makeIncidents(1000)))).toBe(true);
  });
});

describe('STIX claims', () => {
  it('reads the incident’s claim from its attribution (the adapter the export uses)', () => {
    expect(claimsOf(PRAGUE)).toEqual([
      {
        kind: 'incident',
        claimants: [{ name: 'Czech government' }],
        accused: ['apt31'],
        agencies: [],
        confidence: 'a high degree of certainty',
        date: '2025-05-28',
        words: PRAGUE.quote.exact,
      },
    ]);
    expect(claimsOf(makeIncident(1))).toEqual([]);
    expect(claimsOf(makeIncident(1, { attribution: { claimant: '  ', confidence: 'high' } }))).toEqual([]);
  });

  it('keeps the claimant, their words, how sure they were and the article', () => {
    const bundle = toStixBundle([PRAGUE], BUNDLE);
    const claimant = of(bundle, 'identity').find((o) => o.name === 'Czech government')!;
    expect(claimant).toMatchObject({ identity_class: 'organization', sectors: ['government-national'] });
    const [note, ...more] = of(bundle, 'note');
    expect(more).toEqual([]);
    const report = of(bundle, 'report')[0]!;
    expect(note).toMatchObject({
      created_by_ref: claimant.id,
      confidence: 85,
      abstract: 'Czech government: the incident is the work of APT31',
      labels: ['incident-claim'],
      object_refs: [report.id, intrusionSetId('apt31'), claimant.id],
      external_references: [
        {
          source_name: 'news.example',
          description: 'Prague blames China for ministry hack',
          url: 'https://news.example/2025/05/28/prague-apt31',
        },
      ],
    });
    expect(note!.content).toContain("assessed with 'a high degree of certainty'");
    expect(note!.content).toContain('Certainty, in their words: “a high degree of certainty”.');
    expect(note!.content).toContain('Claimed on 2025-05-28.');
    expect(report.object_refs).toContain(claimant.id);
  });

  it('gives the same claimant one identity across incidents, and a KB agency its own identity', () => {
    const other = makeIncident(8, { attribution: { claimant: 'czech  Government', confidence: '' } });
    const nukib = makeIncident(9, { attribution: { claimant: 'NÚKIB', confidence: 'likely' } });
    const bundle = toStixBundle([PRAGUE, other, nukib], BUNDLE);
    expectOfficiallyValid(bundle);
    const notes = of(bundle, 'note');
    expect(notes).toHaveLength(3);
    expect(notes[0]!.created_by_ref).toBe(notes[1]!.created_by_ref);
    expect(notes[1]).not.toHaveProperty('confidence');
    expect(notes[2]).toMatchObject({ confidence: 70, created_by_ref: agencyIdentityId('cz-nukib') });
  });
});

describe('claimant agencies', () => {
  it('are the KB agency of that name, preferring the incident’s own', () => {
    expect(agencyNamed('NÚKIB', [])).toBe('cz-nukib');
    expect(agencyNamed('  ministry of state security ', ['cn-mss'])).toBe('cn-mss');
    expect(agencyNamed('Czech government', [])).toBeUndefined();
  });
});

describe('STIX claims from an incident’s recorded claims', () => {
  /** The seed story's passage as the claims reader records it: the incident's claim, an older link, a sanction. */
  const claims: Claim[] = [
    {
      kind: 'incident',
      claimants: [{ name: "Prague's intelligence agencies", country: 'CZ' }, { name: 'NÚKIB' }],
      accusedId: 'apt31',
      accusedName: 'APT31',
      confidence: 'a high degree of certainty',
      date: '2025-05-28',
      sentence: "All three of Prague's intelligence agencies and its cybersecurity agency assessed …",
    },
    {
      kind: 'sponsor-link',
      claimants: [{ name: 'Western governments' }],
      accusedId: 'apt31',
      accusedName: 'APT31',
      sponsorId: 'cn-mss',
      confidence: '',
      sentence: "… which has been linked by Western governments to China's Ministry of State Security.",
    },
    {
      kind: 'sanction',
      claimants: [
        { name: 'United States', country: 'US' },
        { name: 'United Kingdom', country: 'GB' },
        { name: ' ' },
      ],
      accusedName: 'Wuhan Xiaoruizhi Science and Technology',
      confidence: '',
      sentence: '… sanctioned by the United States and United Kingdom.',
    },
  ];
  const inc = { ...PRAGUE, claims } as typeof PRAGUE;

  it('maps each recorded claim, and prefers them to the single attribution', () => {
    const mapped = claimsOf(inc);
    expect(mapped.map((c) => [c.kind, c.claimants.map((x) => x.name), c.accused, c.agencies])).toEqual([
      ['incident', ["Prague's intelligence agencies", 'NÚKIB'], ['apt31'], []],
      ['sponsor-link', ['Western governments'], ['apt31'], ['cn-mss']],
      ['sanction', ['United States', 'United Kingdom'], [], []],
    ]);
    expect(mapped[0]!.claimants[1]).toEqual({ name: 'NÚKIB', agencyId: 'cz-nukib' });
    expect(mapped[2]!.accusedNames).toEqual(['Wuhan Xiaoruizhi Science and Technology']);
  });

  it('exports every claim with its claimants, a valid bundle OpenCTI and MISP load', () => {
    const bundle = toStixBundle([inc], BUNDLE);
    expectOfficiallyValid(bundle);
    const notes = of(bundle, 'note');
    expect(notes.map((n) => n.labels)).toEqual([
      ['incident-claim'],
      ['sponsor-link-claim'],
      ['sanction-claim'],
    ]);
    const names = of(bundle, 'identity').map((o) => o.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "Prague's intelligence agencies (Czechia)",
        'National Cyber and Information Security Agency (Czechia)',
        'Western governments',
      ]),
    );
    expect(notes[0]).toMatchObject({ confidence: 85 });
    // The older link is a relationship of its own, authored by whoever made it.
    const link = of(bundle, 'relationship').find((r) => r.created_by_ref === notes[1]!.created_by_ref)!;
    expect(link).toMatchObject({ source_ref: intrusionSetId('apt31'), target_ref: sponsorId('cn-mss') });
    // The sanctioned company the KB does not know is an organisation of its name, not an intrusion set.
    expect(names).toContain('Wuhan Xiaoruizhi Science and Technology');
    expect(of(bundle, 'intrusion-set').map((o) => o.name)).toEqual(['APT31']);
    expect(notes[2]!.abstract).toBe(
      'United States and United Kingdom: sanctions against Wuhan Xiaoruizhi Science and Technology',
    );
  });
});
