/**
 * The dashboard's filters and full-text search, pure so they can be measured at 10,000 incidents in Node.
 * The search text of each incident is built once and cached by object identity.
 */
import { type FactsOf, pointsAt } from '../overlay/sponsor-facts';
import type { Incident } from './model';

/** What the dashboard filters by; empty fields do not filter. */
export interface IncidentFilter {
  actor?: string;
  agency?: string;
  tag?: string;
  site?: string;
  /** Inclusive ISO dates (YYYY-MM-DD), compared with the incident's date. */
  from?: string;
  to?: string;
  /** Words that must all appear (any order, case-insensitive). */
  query?: string;
  /** A state (ISO alpha-2) that one of the named actors or agencies points at (set from the Insights charts). */
  country?: string;
  /** An agency id that one of the named actors or agencies points at (its sponsor). */
  sponsor?: string;
}

const haystacks = new WeakMap<Incident, string>();

function haystack(i: Incident, names: (id: string) => string): string {
  let h = haystacks.get(i);
  if (h === undefined) {
    h = [
      i.title,
      i.pageTitle,
      i.url,
      i.quote.exact,
      i.notes,
      i.tags.join(' '),
      i.attribution?.claimant ?? '',
      ...(i.claims ?? []).flatMap((c) => c.claimants.map((x) => x.name)),
      ...i.actorIds.map(names),
      ...i.agencyIds.map(names),
    ]
      .join('\n')
      .toLowerCase();
    haystacks.set(i, h);
  }
  return h;
}

/** The date an incident is filed under: when it happened if known, else when it was saved. */
export function incidentDate(i: Incident): string {
  return (i.occurredAt ?? i.createdAt).slice(0, 10);
}

/**
 * The incidents that pass every filter, in their original order. `names` maps ids to searchable names;
 * `factsOf` says whom an id points at (without it, a country or sponsor filter matches nothing).
 */
export function filterIncidents(
  incidents: readonly Incident[],
  f: IncidentFilter,
  names: (id: string) => string = (id) => id,
  factsOf: FactsOf = () => undefined,
): Incident[] {
  const words = (f.query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return incidents.filter((i) => {
    if (f.actor && !i.actorIds.includes(f.actor)) return false;
    if (f.agency && !i.agencyIds.includes(f.agency)) return false;
    if (f.tag && !i.tags.includes(f.tag)) return false;
    if (f.site && i.site !== f.site) return false;
    if (f.from || f.to) {
      const d = incidentDate(i);
      if (f.from && d < f.from) return false;
      if (f.to && d > f.to) return false;
    }
    if (f.country || f.sponsor) {
      const at = pointsAt([...i.actorIds, ...i.agencyIds], factsOf);
      if (f.country && !at.countries.includes(f.country)) return false;
      if (f.sponsor && !at.agencies.includes(f.sponsor)) return false;
    }
    if (words.length) {
      const h = haystack(i, names);
      for (const w of words) if (!h.includes(w)) return false;
    }
    return true;
  });
}

/** How many incidents name each value of a list field (actorIds, agencyIds, tags), most first. */
export function countBy(
  incidents: readonly Incident[],
  field: 'actorIds' | 'agencyIds' | 'tags',
): [string, number][] {
  const counts = new Map<string, number>();
  for (const i of incidents) for (const v of i[field]) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
