import { v5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { findClaims } from '../../lib/incidents/claims';
import { claimsAfterEdit, createIncident, normalizeTags, siteOf } from '../../lib/incidents/model';
import { findQuote, selectorFor } from '../../lib/incidents/quote';
import { findMentions } from '../../lib/match/find-mentions';
import { uuidV5 } from '../../lib/stix/objects';

describe('model', () => {
  it('creates an incident from a draft with id, timestamps, site and clean tags', () => {
    const inc = createIncident(
      {
        title: 't',
        url: 'https://www.example.cz/a?b',
        pageTitle: 'p',
        quote: { exact: 'x', prefix: '', suffix: '' },
        actorIds: ['apt31'],
        agencyIds: [],
        tags: [' Espionage ', 'espionage', '', 'Critical  infrastructure'],
        notes: '',
      },
      '2025-05-28T00:00:00.000Z',
      'id-1',
    );
    expect(inc).toMatchObject({
      id: 'id-1',
      createdAt: '2025-05-28T00:00:00.000Z',
      updatedAt: '2025-05-28T00:00:00.000Z',
      site: 'www.example.cz',
      tags: ['espionage', 'critical infrastructure'],
    });
  });
  it.each([
    ['https://a.example/x', 'a.example'],
    ['not a url', ''],
    ['file:///tmp/x.html', ''],
  ])('siteOf(%s) = %j', (url, site) => expect(siteOf(url)).toBe(site));
  it('normalizes tags', () => expect(normalizeTags(['A', 'a', ' b c '])).toEqual(['a', 'b c']));
});

describe('quote selector', () => {
  const text = 'APT31 struck. The ministry said APT31 was behind it. Later, APT31 went quiet.';
  it('finds the occurrence whose context matches, not the first one', () => {
    const start = text.indexOf('APT31', 20);
    const sel = selectorFor(text, start, start + 5);
    expect(sel.exact).toBe('APT31');
    expect(findQuote(text, sel)).toEqual({ start, end: start + 5 });
  });
  it('survives whitespace differences between readings', () => {
    const sel = { exact: 'ministry   said\nAPT31', prefix: 'struck.\n\nThe ', suffix: ' was' };
    const r = findQuote(text, sel)!;
    expect(text.slice(r.start, r.end)).toBe('ministry said APT31');
  });
  it('returns undefined when the passage is gone or empty', () => {
    expect(findQuote(text, { exact: 'Lazarus', prefix: '', suffix: '' })).toBeUndefined();
    expect(findQuote(text, { exact: '  ', prefix: '', suffix: '' })).toBeUndefined();
  });
  it('keeps at most 32 characters of context', () => {
    const long = `${'a'.repeat(100)}X${'b'.repeat(100)}`;
    const sel = selectorFor(long, 100, 101);
    expect([sel.prefix.length, sel.suffix.length]).toEqual([32, 32]);
  });
});

describe('the claim of a passage', () => {
  const lead = (text: string) => findClaims(text, (t) => findMentions(t))[0];
  it.each([
    [
      'The Czech government said with a high degree of certainty that APT31 is behind the campaign. Other news.',
      { claimants: [{ name: 'Czech government' }], confidence: 'a high degree of certainty' },
    ],
    [
      "The UK's National Cyber Security Centre said APT28 was working for the GRU.",
      { claimants: [{ name: "UK's National Cyber Security Centre" }], confidence: '' },
    ],
    [
      'Investigators assessed with moderate confidence that APT28 was responsible for the leak.',
      { confidence: 'moderate confidence' },
    ],
  ])('%s', (text, expected) => {
    expect(lead(text)).toMatchObject(expected);
  });
  it('finds nothing in a passage without a claim', () => {
    expect(lead('APT31 used phishing emails. The emails had PDF lures.')).toBeUndefined();
  });
  it('quotes the claiming sentence only', () => {
    expect(
      lead('Mail servers were hit. The Czech government linked the attack to APT31. More later.')?.sentence,
    ).toBe('The Czech government linked the attack to APT31.');
  });
});

describe('uuidV5', () => {
  it('matches RFC 4122 reference output', () => {
    expect(v5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
  // Pinned in APT Lens's namespace: a change of namespace or name scheme would duplicate every object a
  // reader's platform already holds.
  it.each([
    ['apt-lens:actor:apt31', 'c1e0fec8-41ac-5e78-ad54-c86aff882cd9'],
    ['apt-lens:agency:cn-mss', '9c10064e-44a7-5ccc-8431-a323c2357539'],
    ['apt-lens:reader', '054a178c-341e-53c4-a224-71f73c43d68d'],
    ['apt-lens:attributed-to:apt31:cn-mss', '50a666ae-d3f4-5d45-ae90-2806ddf67e70'],
    ['NÚKIB 🛰', '89f08f45-21f5-5ccf-9abc-40ba46420c54'],
    ['x'.repeat(200), '98ab0f5e-339c-54f4-8efe-65002fdd48bf'],
  ])('keeps the STIX id of %j', (name, id) => expect(uuidV5(name)).toBe(id));
});

describe('claimsAfterEdit', () => {
  const incident = {
    kind: 'incident' as const,
    claimants: [{ name: 'Czech government', country: 'CZ' }],
    accusedId: 'apt31',
    accusedName: 'APT31',
    confidence: 'a high degree of certainty',
    sentence: 'The Czech government blamed APT31.',
  };
  const link = {
    kind: 'sponsor-link' as const,
    claimants: [{ name: 'Western governments' }],
    accusedId: 'apt31',
    accusedName: 'APT31',
    sponsorId: 'cn-mss',
    confidence: '',
    sentence: '…',
  };
  const was = { claimant: 'Czech government', confidence: 'a high degree of certainty' };

  it('leaves the claims as they were when the words did not change', () => {
    expect(claimsAfterEdit([incident, link], was, { ...was })).toEqual([incident, link]);
  });
  it('gives the incident claim the reader’s claimant (without the ids) and words', () => {
    expect(claimsAfterEdit([incident, link], was, { claimant: 'NÚKIB', confidence: 'high' })).toEqual([
      { ...incident, claimants: [{ name: 'NÚKIB' }], confidence: 'high' },
      link,
    ]);
    expect(claimsAfterEdit([incident], was, { claimant: 'Czech government', confidence: '' })).toEqual([
      { ...incident, confidence: '' },
    ]);
  });
  it('drops the incident claim when the claimant is cleared, and makes one when there was none', () => {
    expect(claimsAfterEdit([incident, link], was, { claimant: '', confidence: '' })).toEqual([link]);
    expect(
      claimsAfterEdit(
        undefined,
        undefined,
        { claimant: 'NCSC', confidence: '' },
        { id: 'apt28', name: 'APT28' },
      ),
    ).toEqual([
      {
        kind: 'incident',
        claimants: [{ name: 'NCSC' }],
        accusedId: 'apt28',
        accusedName: 'APT28',
        confidence: '',
        sentence: '',
      },
    ]);
  });
});
