import { describe, expect, it } from 'vitest';
import { filterIncidents } from '../../lib/incidents/filter';
import { drillFromArg, drillToArg, incidentFilterOf } from '../../lib/insights/drill';
import type { FactsOf } from '../../lib/overlay/sponsor-facts';
import { makeIncident } from '../incidents/make';

const FACTS: FactsOf = (id) =>
  (
    ({
      apt31: { kind: 'actor', country: 'CN', agency: 'cn-mss' },
      apt28: { kind: 'actor', country: 'RU', agency: 'ru-gru' },
      'cn-mss': { kind: 'agency', country: 'CN', agency: 'cn-mss' },
    }) as const
  )[id];

describe('drill', () => {
  it('travels as tab-argument text and back', () => {
    const arg = drillToArg({ list: 'incidents', entity: 'apt31', month: '2025-03' });
    expect(arg).toBe('entity=apt31&month=2025-03');
    expect(drillFromArg('incidents', arg)).toEqual({ list: 'incidents', entity: 'apt31', month: '2025-03' });
  });

  it('drops unknown fields and a malformed month from a hand-edited argument', () => {
    expect(drillFromArg('sightings', 'month=2025-13&evil=1&tag=%20espionage%20')).toEqual({
      list: 'sightings',
      tag: 'espionage',
    });
    expect(drillFromArg('incidents', undefined)).toEqual({ list: 'incidents' });
  });

  it('turns into the incident filter: an agency id filters agencies, a month a date range', () => {
    expect(incidentFilterOf({ list: 'incidents', entity: 'cn-mss', month: '2025-02' }, FACTS)).toEqual({
      agency: 'cn-mss',
      from: '2025-02-01',
      to: '2025-02-28',
    });
    expect(incidentFilterOf({ list: 'incidents', entity: 'apt31', tag: 'x' }, FACTS)).toEqual({
      actor: 'apt31',
      tag: 'x',
    });
  });

  it('filters incidents by the state or agency their names point at', () => {
    const list = [
      makeIncident(1, { actorIds: ['apt31'], agencyIds: [] }),
      makeIncident(2, { actorIds: ['apt28'], agencyIds: [] }),
      makeIncident(3, { actorIds: [], agencyIds: ['cn-mss'] }),
    ];
    const ids = (f: Parameters<typeof filterIncidents>[1]) =>
      filterIncidents(list, f, undefined, FACTS).map((i) => i.title);
    expect(ids({ country: 'CN' })).toEqual(['Incident 1', 'Incident 3']);
    expect(ids({ sponsor: 'ru-gru' })).toEqual(['Incident 2']);
    // Without facts a sponsor filter matches nothing rather than everything.
    expect(filterIncidents(list, { country: 'CN' })).toEqual([]);
  });
});
