import { describe, expect, it } from 'vitest';
import type { FactsOf } from '../../lib/overlay/sponsor-facts';
import { filterSightings, sightingFilterOf, timelines } from '../../lib/sightings/filter';
import { type Sighting, sightingKey } from '../../lib/sightings/model';

const s = (entityId: string, url: string, firstSeen: string, lastSeen = firstSeen): Sighting => ({
  key: sightingKey(entityId, url),
  entityId,
  url,
  title: `Title of ${url}`,
  site: new URL(url).hostname,
  sentence: `${entityId} named here.`,
  firstSeen: `${firstSeen}T10:00:00.000Z`,
  lastSeen: `${lastSeen}T10:00:00.000Z`,
  visits: 1,
});

const list = [
  s('apt31', 'https://a.example/1', '2026-10-30', '2026-11-02'),
  s('apt28', 'https://b.example/2', '2026-11-05'),
  s('cn-mss', 'https://a.example/3', '2026-11-20'),
];
const facts: FactsOf = (id) =>
  ({
    apt31: { kind: 'actor', country: 'CN', agency: 'cn-mss' },
    apt28: { kind: 'actor', country: 'RU' },
    'cn-mss': { kind: 'agency', country: 'CN', agency: 'cn-mss' },
  })[id] as ReturnType<FactsOf>;
const urls = (l: Sighting[]) => l.map((x) => x.url);

describe('filterSightings', () => {
  it.each([
    [{}, ['https://a.example/1', 'https://b.example/2', 'https://a.example/3']],
    [{ entityIds: ['apt31', 'cn-mss'] }, ['https://a.example/1', 'https://a.example/3']],
    [{ site: 'b.example' }, ['https://b.example/2']],
    // Dates: the days a sighting was seen (first to last) overlap the range.
    [{ from: '2026-11-01', to: '2026-11-10' }, ['https://a.example/1', 'https://b.example/2']],
    // A month (a chart's bar): first seen that month, as the chart counts it.
    [{ month: '2026-11' }, ['https://b.example/2', 'https://a.example/3']],
    [{ country: 'CN' }, ['https://a.example/1', 'https://a.example/3']],
    [{ sponsor: 'cn-mss', month: '2026-10' }, ['https://a.example/1']],
    [{ query: 'APT28 B.EXAMPLE' }, ['https://b.example/2']],
    [{ query: 'named title' }, ['https://a.example/1', 'https://b.example/2', 'https://a.example/3']],
  ] as const)('%j', (f, expected) => {
    expect(urls(filterSightings(list, f, (id) => id.toUpperCase(), facts))).toEqual(expected);
  });
});

describe('sightingFilterOf', () => {
  it('turns a chart bar into a filter with a label', () => {
    const names = (id: string) => ({ apt31: 'APT31', 'cn-mss': 'MSS' })[id] ?? id;
    expect(sightingFilterOf({ list: 'sightings', entity: 'apt31', month: '2026-11' }, names)).toEqual({
      entityIds: ['apt31'],
      month: '2026-11',
      label: 'APT31, first seen in 2026-11',
    });
    expect(
      sightingFilterOf({ list: 'sightings', country: 'CN', sponsor: 'cn-mss' }, names, () => 'China'),
    ).toEqual({ country: 'CN', sponsor: 'cn-mss', label: 'pointing at China, sponsored by MSS' });
    expect(sightingFilterOf({ list: 'sightings' }, names)).toEqual({});
  });
});

describe('timelines', () => {
  it('groups per entity, each newest first, the entity seen last first', () => {
    const more = [...list, s('apt31', 'https://c.example/9', '2026-11-25')];
    expect(timelines(more).map((t) => [t.entityId, urls(t.sightings)])).toEqual([
      ['apt31', ['https://c.example/9', 'https://a.example/1']],
      ['cn-mss', ['https://a.example/3']],
      ['apt28', ['https://b.example/2']],
    ]);
  });
});
