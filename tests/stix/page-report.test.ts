import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DraftSchema } from '../../lib/incidents/schema';
import { OverlayLookup } from '../../lib/overlay/lookup';
import type { PageReportSource } from '../../lib/protocol/page';
import { toStixBundle } from '../../lib/stix/incidents-bundle';
import { agencyIdentityId, intrusionSetId, sponsorId } from '../../lib/stix/objects';
import { pageReportBundle } from '../../lib/stix/page-report';
import {
  type PageReportInput,
  pageReportDraft,
  parseLabels,
  reportFileName,
} from '../../lib/stix/page-report-input';
import { makeIncident } from '../incidents/make';
import { officialRules, platformRefusals, stixValidator } from '../incidents/stix-validator';
import { extension, ownActor } from '../overlay/make';

const validate = stixValidator();
const NOW = new Date('2026-12-01T12:00:00Z');
const IDS = {
  bundle: '11111111-2222-4333-8444-555555555555',
  report: '21111111-2222-4333-8444-555555555555',
};

const SOURCE: PageReportSource = {
  url: 'https://news.example/2025/05/prague-apt31',
  title: 'Prague blames APT31 for ministry breach',
  entities: [
    {
      id: 'apt31',
      kind: 'actor',
      name: 'APT31',
      count: 3,
      sentence: 'The Czech government said APT31 was behind the breach.',
    },
    {
      id: 'cz-nukib',
      kind: 'agency',
      name: 'National Cyber and Information Security Agency',
      count: 1,
      sentence: 'NÚKIB published the details.',
    },
  ],
};

const input = (over: Partial<PageReportInput> = {}): PageReportInput => ({
  source: SOURCE,
  name: '',
  note: 'Worth a look.',
  labels: ['espionage', 'czechia'],
  published: '2025-05-28',
  ...over,
});

const of = (bundle: { objects: { type: string }[] }, t: string) =>
  bundle.objects.filter((o) => o.type === t) as Record<string, unknown>[];

describe('page report (STIX 2.1)', () => {
  it('validates against the official STIX 2.1 schemas and the validator’s rules; OpenCTI and MISP load it', () => {
    const bundle = pageReportBundle(input(), NOW, IDS);
    expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true);
    const rules = officialRules(bundle);
    expect([...rules.errors, ...rules.warnings]).toEqual([]);
    expect(platformRefusals(bundle)).toEqual([]);
  });

  it('is a report named after the page, with its address, date, note, labels and one line per entity', () => {
    const [report, ...others] = of(pageReportBundle(input(), NOW, IDS), 'report');
    expect(others).toEqual([]);
    expect(report).toMatchObject({
      id: `report--${IDS.report}`,
      name: SOURCE.title,
      published: '2025-05-28T00:00:00.000Z',
      created: NOW.toISOString(),
      labels: ['espionage', 'czechia'],
      report_types: ['threat-report'],
      external_references: [{ source_name: 'news.example', description: SOURCE.title, url: SOURCE.url }],
    });
    expect(report!.description).toBe(
      'Worth a look.\n\n' +
        'APT31: The Czech government said APT31 was behind the breach.\n' +
        'National Cyber and Information Security Agency: NÚKIB published the details.',
    );
    expect(pageReportBundle(input({ name: '  My name ' }), NOW, IDS).objects.at(-1)!.name).toBe('My name');
  });

  it('refers to the actors, agencies and the sponsor relationships the KB knows', () => {
    const bundle = pageReportBundle(input(), NOW, IDS);
    const report = of(bundle, 'report')[0]!;
    const apt31 = of(bundle, 'intrusion-set')[0]!;
    expect(apt31).toMatchObject({ id: intrusionSetId('apt31'), name: 'APT31' });
    expect(apt31.aliases).toEqual(expect.arrayContaining(['Judgment Panda']));
    const rel = of(bundle, 'relationship').find((r) => r.source_ref === apt31.id)!;
    const sponsor = of(bundle, 'threat-actor').find((o) => o.id === rel.target_ref)!;
    expect(sponsor.name).toBe('Ministry of State Security (China)');
    expect(rel).toMatchObject({ relationship_type: 'attributed-to', target_ref: sponsorId('cn-mss') });
    const toAgency = of(bundle, 'relationship').find((r) => r.source_ref === sponsor.id)!;
    expect(toAgency).toMatchObject({
      relationship_type: 'attributed-to',
      target_ref: agencyIdentityId('cn-mss'),
    });
    // The sponsor is in the report, with its identity, though the page did not name it.
    expect(report.object_refs).toEqual([
      apt31.id,
      agencyIdentityId('cz-nukib'),
      rel.id,
      sponsor.id,
      toAgency.id,
      agencyIdentityId('cn-mss'),
    ]);
  });

  it('uses the incidents export’s ids, so a TIP merges the entities of both', () => {
    const fromIncident = toStixBundle([makeIncident(1, { actorIds: ['apt31'], agencyIds: ['cz-nukib'] })]);
    const fromPage = pageReportBundle(input(), new Date(), {});
    const entityIds = (b: { objects: { type: string; id: string }[] }) =>
      b.objects
        .filter((o) => o.type !== 'report')
        .map((o) => o.id)
        .sort();
    expect(entityIds(fromPage)).toEqual(entityIds(fromIncident));
    // With the same timestamps: created never changes, modified is the KB's date.
    const entities = (b: { objects: { type: string }[] }) => b.objects.filter((o) => o.type !== 'report');
    expect(entities(fromPage)).toEqual(entities(fromIncident));
    // Each report is its own object.
    expect(pageReportBundle(input(), NOW).objects.at(-1)!.id).not.toBe(fromPage.objects.at(-1)!.id);
  });

  it('names an entity the KB does not know (the reader’s own) as the page did', () => {
    const source = {
      ...SOURCE,
      entities: [
        { id: 'ours-unc-acme-7', kind: 'actor' as const, name: 'UNC-ACME-7', count: 1, sentence: 'x' },
      ],
    };
    const bundle = pageReportBundle(input({ source }), NOW, IDS);
    expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true);
    expect(of(bundle, 'intrusion-set')).toEqual([
      expect.objectContaining({ id: intrusionSetId('ours-unc-acme-7'), name: 'UNC-ACME-7' }),
    ]);
  });

  it('takes the reader’s own entities, names and sponsors from the overlay', () => {
    const overlay = new OverlayLookup({
      entities: [ownActor({ sponsor: 'cn-mss' })],
      extensions: [extension()],
    });
    const source = {
      ...SOURCE,
      entities: [
        SOURCE.entities[0]!,
        {
          id: 'ours-unc-acme-7',
          kind: 'actor' as const,
          name: 'UNC-ACME-7',
          count: 1,
          sentence: 'UNC-ACME-7 too.',
        },
      ],
    };
    const bundle = pageReportBundle(input({ source }), NOW, IDS, (id) => overlay.entity(id));
    expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true);
    const sets = of(bundle, 'intrusion-set');
    expect(sets.map((o) => o.name)).toEqual(['APT31', 'UNC-ACME-7']);
    expect(sets[0]!.aliases).toContain('Kettle Crew');
    expect(sets[1]!.aliases).toEqual(['Rusty Kettle', 'Storm-9999']);
    const rels = of(bundle, 'relationship');
    expect(rels.map((r) => [r.source_ref, r.target_ref])).toEqual([
      [sponsorId('cn-mss'), agencyIdentityId('cn-mss')],
      [intrusionSetId('apt31'), sponsorId('cn-mss')],
      [intrusionSetId('ours-unc-acme-7'), sponsorId('cn-mss')],
    ]);
    expect(rels[2]).not.toHaveProperty('confidence');
    expect(of(bundle, 'report')[0]!.object_refs).toEqual([
      intrusionSetId('apt31'),
      intrusionSetId('ours-unc-acme-7'),
      rels[1]!.id,
      sponsorId('cn-mss'),
      rels[0]!.id,
      agencyIdentityId('cn-mss'),
      rels[2]!.id,
    ]);
  });

  it('still validates for a page that names nothing, has no title, note or labels, and is not http', () => {
    const source = { url: 'file:///tmp/a.html', title: '', entities: [] };
    const bundle = pageReportBundle(input({ source, note: '', labels: [] }), NOW, IDS);
    expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true);
    const report = of(bundle, 'report')[0]!;
    expect(report.name).toBe('file:///tmp/a.html');
    expect(report.external_references).toEqual([{ source_name: 'web', description: 'file:///tmp/a.html' }]);
    expect(report).not.toHaveProperty('labels');
  });

  it('the validator catches a broken report', () => {
    const bundle = pageReportBundle(input(), NOW, IDS);
    (bundle.objects.at(-1) as Record<string, unknown>).object_refs = [];
    expect(validate(bundle)).toBe(false);
  });
});

describe('page report as an incident', () => {
  it('makes a draft the incidents contract accepts', () => {
    const draft = pageReportDraft(input())!;
    expect(v.safeParse(DraftSchema, draft).success).toBe(true);
    expect(draft).toMatchObject({
      title: SOURCE.title,
      url: SOURCE.url,
      pageTitle: SOURCE.title,
      actorIds: ['apt31'],
      agencyIds: ['cz-nukib'],
      tags: ['espionage', 'czechia'],
      notes: 'Worth a look.',
      occurredAt: '2025-05-28',
    });
    expect(draft.quote.exact).toContain('APT31: The Czech government');
  });

  it('has none for a page without a web address', () => {
    expect(pageReportDraft(input({ source: { ...SOURCE, url: 'file:///a.html' } }))).toBeUndefined();
  });
});

describe('labels', () => {
  it('are comma-separated, trimmed, without empties or repeats', () => {
    expect(parseLabels(' espionage, ,czechia,espionage ,  two  words ')).toEqual([
      'espionage',
      'czechia',
      'two words',
    ]);
    expect(parseLabels('')).toEqual([]);
  });
});

describe('file name', () => {
  it('names the host and the day', () => {
    expect(reportFileName(SOURCE, NOW)).toBe('apt-lens-report-news.example-2026-12-01.stix.json');
    expect(reportFileName({ ...SOURCE, url: 'file:///a.html' }, NOW)).toBe(
      'apt-lens-report-page-2026-12-01.stix.json',
    );
  });
});
