import { describe, expect, it } from 'vitest';
import { getEntity } from '../../lib/kb/index';
import { addClaim, confidenceScore, type StixClaim } from '../../lib/stix/claims';
import {
  agencyIdentityId,
  claimantIdentityId,
  intrusionSetId,
  StixGraph,
  type StixObject,
  sponsorId,
} from '../../lib/stix/objects';
import { officialRules, platformRefusals, stixValidator } from '../incidents/stix-validator';

const validate = stixValidator();
const REPORT = 'report--a1111111-2222-4333-8444-555555555555';
const ARTICLE = { source_name: 'news.example', url: 'https://news.example/a' };

/** A bundle of one report and the claims added for it, as the incidents export builds one. */
function bundleOf(claims: StixClaim[]) {
  const graph = new StixGraph(getEntity, '2026-08-06');
  const refs: string[] = [];
  for (const [i, claim] of claims.entries()) {
    refs.push(
      ...addClaim(graph, claim, {
        key: `incident-1:${i}`,
        reportId: REPORT,
        article: ARTICLE,
        created: '2025-06-01T09:00:00.000Z',
        modified: '2025-06-01T09:00:00.000Z',
      }),
    );
  }
  const report: StixObject = {
    type: 'report',
    id: REPORT,
    spec_version: '2.1',
    created: '2025-06-01T09:00:00.000Z',
    modified: '2025-06-01T09:00:00.000Z',
    name: 'r',
    published: '2025-05-28T00:00:00.000Z',
    object_refs: refs,
  };
  const bundle = {
    type: 'bundle' as const,
    id: 'bundle--b1111111-2222-4333-8444-555555555555',
    objects: [...graph.list(), report],
  };
  expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true);
  const rules = officialRules(bundle);
  expect([...rules.errors, ...rules.warnings]).toEqual([]);
  expect(platformRefusals(bundle)).toEqual([]);
  return bundle.objects;
}

const claim = (over: Partial<StixClaim>): StixClaim => ({
  kind: 'incident',
  claimants: [{ name: 'Czech government' }],
  accused: ['apt31'],
  agencies: [],
  confidence: '',
  words: 'The words.',
  ...over,
});

describe('confidence words as a STIX confidence (Appendix A scales)', () => {
  it.each([
    ['a high degree of certainty', 85],
    ['high confidence', 85],
    ['with very high confidence', 95],
    ['moderate confidence', 50],
    ['low confidence', 15],
    ['almost certainly', 95],
    ['very likely', 85],
    ['highly likely', 85],
    ['likely', 70],
    ['probably', 70],
    ['unlikely', 30],
    ['very unlikely', 15],
    ['confirmed', 95],
    ['suspected', 15],
  ])('%j is %i', (words, n) => expect(confidenceScore(words)).toBe(n));

  it('is undefined for words no scale knows, or none', () => {
    expect(confidenceScore('')).toBeUndefined();
    expect(confidenceScore('according to officials')).toBeUndefined();
  });
});

describe('claims in STIX', () => {
  it('writes a sponsor link as an attributed-to relationship authored by the claimant, and a note', () => {
    const objects = bundleOf([
      claim({
        kind: 'sponsor-link',
        claimants: [{ name: 'Western governments' }],
        agencies: ['cn-mss'],
        confidence: 'likely',
        words: 'APT31, which has been linked by Western governments to China’s Ministry of State Security.',
      }),
    ]);
    const claimant = claimantIdentityId('Western governments');
    const rel = objects.find((o) => o.type === 'relationship' && o.created_by_ref === claimant)!;
    expect(rel).toMatchObject({
      relationship_type: 'attributed-to',
      source_ref: intrusionSetId('apt31'),
      target_ref: sponsorId('cn-mss'),
      confidence: 70,
      external_references: [ARTICLE],
      created: '2025-06-01T09:00:00.000Z',
    });
    const note = objects.find((o) => o.type === 'note')!;
    expect(note).toMatchObject({
      created_by_ref: claimant,
      labels: ['sponsor-link-claim'],
      abstract: 'Western governments: APT31 works for Ministry of State Security (China)',
    });
    expect(note.object_refs).toEqual([REPORT, intrusionSetId('apt31'), sponsorId('cn-mss'), claimant]);
  });

  it('writes a sanction as a note naming the accused and the agencies, with every claimant', () => {
    const objects = bundleOf([
      claim({
        kind: 'sanction',
        claimants: [
          { name: 'United States', country: 'US' },
          { name: 'United Kingdom', country: 'GB' },
        ],
        agencies: ['cn-mss'],
        words: 'APT31 was sanctioned by the United States and United Kingdom.',
      }),
    ]);
    const note = objects.find((o) => o.type === 'note')!;
    expect(note).toMatchObject({
      labels: ['sanction-claim'],
      abstract:
        'United States and United Kingdom: sanctions against APT31, Ministry of State Security (China)',
    });
    expect(note).not.toHaveProperty('confidence');
    expect(objects.filter((o) => o.type === 'relationship' && o.created_by_ref)).toEqual([]);
    // A country already in the name is not repeated.
    expect(objects.filter((o) => o.type === 'identity').map((o) => o.name)).toEqual(
      expect.arrayContaining(['United States', 'United Kingdom', 'Ministry of State Security (China)']),
    );
  });

  it('names a claimant with its country when the name lacks it, and a KB agency as the agency', () => {
    const objects = bundleOf([
      claim({ claimants: [{ name: 'Ministry of Foreign Affairs', country: 'CZ' }] }),
      claim({ claimants: [{ name: 'NÚKIB', agencyId: 'cz-nukib' }] }),
    ]);
    const names = objects.filter((o) => o.type === 'identity').map((o) => o.name);
    expect(names).toContain('Ministry of Foreign Affairs (Czechia)');
    expect(objects.filter((o) => o.type === 'note').map((o) => o.created_by_ref)).toEqual([
      claimantIdentityId('Ministry of Foreign Affairs (Czechia)'),
      agencyIdentityId('cz-nukib'),
    ]);
  });

  it('writes nothing for a claim without a claimant', () => {
    const graph = new StixGraph(getEntity);
    expect(
      addClaim(graph, claim({ claimants: [] }), {
        key: 'k',
        reportId: REPORT,
        article: ARTICLE,
        created: '2025-06-01T09:00:00.000Z',
        modified: '2025-06-01T09:00:00.000Z',
      }),
    ).toEqual([]);
    expect(graph.list()).toEqual([]);
  });
});
