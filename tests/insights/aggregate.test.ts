import { describe, expect, it } from 'vitest';
import {
  aggregate,
  monthRange,
  monthSeries,
  monthsBetween,
  type SightingFacts,
  sightingsFromKeys,
  topBuckets,
} from '../../lib/insights/aggregate';
import type { FactsOf } from '../../lib/overlay/sponsor-facts';
import { makeIncident } from '../incidents/make';

/** A small world: two Chinese actors behind the MSS, one Russian without an agency, one CERT. */
const FACTS: FactsOf = (id) =>
  (
    ({
      apt31: { kind: 'actor', country: 'CN', agency: 'cn-mss' },
      apt40: { kind: 'actor', country: 'CN', agency: 'cn-mss' },
      turla: { kind: 'actor', country: 'RU' },
      'cn-mss': { kind: 'agency', country: 'CN', agency: 'cn-mss' },
      'cz-nukib': { kind: 'agency' },
      loners: { kind: 'actor' },
    }) as const
  )[id];

const sighting = (entityId: string, firstSeen: string): SightingFacts => ({ entityId, firstSeen });

describe('months', () => {
  it('lists every month between two, across years', () => {
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthsBetween('2025-03', '2025-03')).toEqual(['2025-03']);
  });

  it('gives a month’s first and last day, leap years included', () => {
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthRange('2025-02')).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(monthRange('2025-12')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });
});

describe('aggregate', () => {
  const incidents = [
    makeIncident(1, {
      actorIds: ['apt31'],
      agencyIds: ['cn-mss'],
      tags: ['espionage'],
      createdAt: '2025-01-10T00:00:00.000Z',
    }),
    makeIncident(2, {
      actorIds: ['apt31', 'apt40'],
      agencyIds: [],
      tags: ['espionage', 'ministry'],
      createdAt: '2025-03-02T00:00:00.000Z',
    }),
    makeIncident(3, {
      actorIds: ['turla'],
      agencyIds: ['cz-nukib'],
      tags: [],
      occurredAt: '2024-12-24',
      createdAt: '2025-03-05T00:00:00.000Z',
    }),
    makeIncident(4, {
      actorIds: [],
      agencyIds: ['cz-nukib'],
      tags: ['ministry'],
      createdAt: '2025-03-09T00:00:00.000Z',
    }),
  ];
  const sightings = [
    sighting('apt31', '2025-03-01T08:00:00Z'),
    sighting('apt31', '2025-04-01T08:00:00Z'),
    sighting('cn-mss', '2025-04-11T08:00:00Z'),
    sighting('loners', '2025-04-12T08:00:00Z'),
  ];
  const r = aggregate(incidents, sightings, FACTS);

  it('spans every month from the first record to the last, an incident filed under when it happened', () => {
    expect(r.months).toEqual(['2024-12', '2025-01', '2025-02', '2025-03', '2025-04']);
    expect(monthSeries(r, '', 'incidents')).toEqual([1, 1, 0, 2, 0]);
    expect(monthSeries(r, '', 'sightings')).toEqual([0, 0, 0, 1, 3]);
  });

  it('counts per entity per month, zeros filled', () => {
    expect(monthSeries(r, 'apt31', 'incidents')).toEqual([0, 1, 0, 1, 0]);
    expect(monthSeries(r, 'apt31', 'sightings')).toEqual([0, 0, 0, 1, 1]);
    expect(monthSeries(r, 'nobody', 'sightings')).toEqual([0, 0, 0, 0, 0]);
  });

  it('counts each named entity, actors and agencies alike', () => {
    const by = Object.fromEntries(r.entities.map((b) => [b.key, [b.incidents, b.sightings]]));
    expect(by).toEqual({
      apt31: [2, 2],
      apt40: [1, 0],
      turla: [1, 0],
      'cn-mss': [1, 1],
      'cz-nukib': [2, 0],
      loners: [0, 1],
    });
    expect(r.entities[0]!.key).toBe('apt31');
  });

  it('counts a record once per sponsor state and agency, however many of its names point there', () => {
    expect(r.countries).toEqual([
      { key: 'CN', incidents: 2, sightings: 3 },
      { key: 'RU', incidents: 1, sightings: 0 },
    ]);
    expect(r.agencies).toEqual([{ key: 'cn-mss', incidents: 2, sightings: 3 }]);
    // Incident 4 names only a CERT; the "loners" sighting names an actor with no known state.
    expect(r.unattributed).toEqual({ incidents: 1, sightings: 1 });
  });

  it('counts tags of incidents', () => {
    expect(r.tags).toEqual([
      { key: 'espionage', incidents: 2, sightings: 0 },
      { key: 'ministry', incidents: 2, sightings: 0 },
    ]);
    expect(r.totals).toEqual({ incidents: 4, sightings: 4 });
  });

  it('keeps records with an unreadable date out of the months but in every other chart', () => {
    const odd = aggregate([], [sighting('apt31', 'yesterday')], FACTS);
    expect(odd.months).toEqual([]);
    expect(odd.entities).toEqual([{ key: 'apt31', incidents: 0, sightings: 1 }]);
  });

  it('is empty for no data', () => {
    const none = aggregate([], [], FACTS);
    expect(none.months).toEqual([]);
    expect(none.entities).toEqual([]);
    expect(monthSeries(none, '', 'incidents')).toEqual([]);
  });

  it('picks the top buckets of one measure, leaving out empty ones', () => {
    expect(topBuckets(r.entities, 'sightings', 2).map((b) => b.key)).toEqual(['apt31', 'cn-mss']);
    expect(topBuckets(r.entities, 'incidents', 10).map((b) => b.key)).toEqual([
      'apt31',
      'cz-nukib',
      'apt40',
      'cn-mss',
      'turla',
    ]);
  });

  it('aggregates 10,000 incidents and 50,000 sightings', () => {
    const many = Array.from({ length: 10_000 }, (_, n) => makeIncident(n + 1));
    const seen = Array.from({ length: 50_000 }, (_, n) =>
      sighting(n % 2 ? 'apt31' : 'turla', `2025-${String((n % 12) + 1).padStart(2, '0')}-01T00:00:00Z`),
    );
    const big = aggregate(many, seen, FACTS);
    expect(big.totals).toEqual({ incidents: 10_000, sightings: 50_000 });
    expect(monthSeries(big, '', 'sightings').reduce((a, b) => a + b, 0)).toBe(50_000);
  });

  it('counts sightings known from their keys alone everywhere but in the months', () => {
    const keyed = sightingsFromKeys([
      'apt31\nhttps://a.example/1',
      'apt31\nhttps://b.example/2',
      'turla\nhttps://c.example/',
    ]);
    expect(keyed[0]).toEqual({ entityId: 'apt31', firstSeen: '' });
    const quick = aggregate([], keyed, FACTS);
    expect(quick.months).toEqual([]);
    expect(quick.countries).toEqual([
      { key: 'CN', incidents: 0, sightings: 2 },
      { key: 'RU', incidents: 0, sightings: 1 },
    ]);
  });
});
