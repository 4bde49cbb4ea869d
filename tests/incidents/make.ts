import type { Incident } from '../../lib/incidents/model';

/** A valid incident with a deterministic UUID from `n`; fields can be overridden. */
export function makeIncident(n: number, over: Partial<Incident> = {}): Incident {
  const hex = n.toString(16).padStart(12, '0');
  const day = String((n % 28) + 1).padStart(2, '0');
  return {
    id: `00000000-0000-4000-8000-${hex}`,
    createdAt: `2025-05-${day}T10:00:00.000Z`,
    updatedAt: `2025-05-${day}T10:00:00.000Z`,
    title: `Incident ${n}`,
    url: `https://news${n % 5}.example/story/${n}`,
    site: `news${n % 5}.example`,
    pageTitle: `Story ${n}`,
    quote: {
      exact: `Passage ${n} about APT31 and the Ministry of State Security.`,
      prefix: 'before ',
      suffix: ' after',
    },
    actorIds: n % 2 ? ['apt31'] : ['apt28'],
    agencyIds: n % 3 ? ['cn-mss'] : [],
    tags: n % 4 ? ['espionage'] : ['espionage', 'ministry'],
    notes: '',
    ...over,
  };
}

/** `count` incidents numbered from 1. */
export function makeIncidents(count: number): Incident[] {
  return Array.from({ length: count }, (_, i) => makeIncident(i + 1));
}
