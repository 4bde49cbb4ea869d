/**
 * The Sightings view's filters, search and timelines, pure so they run in Node at 50,000 sightings. The
 * filter is also how other views (the Insights charts) point the list at a subset: they pass one in.
 */
import type { IncidentDraft } from '../incidents/model';
import type { Drill } from '../insights/drill';
import type { FactsOf } from '../overlay/sponsor-facts';
import type { Sighting } from './model';

/** What the Sightings list shows; empty fields do not filter. */
export interface SightingFilter {
  /** Only these entities (one from the entity menu, or a chart bar's several, e.g. one country's). */
  entityIds?: readonly string[];
  site?: string;
  /** Inclusive dates (YYYY-MM-DD): a sighting passes when the days it was seen overlap them. */
  from?: string;
  to?: string;
  /** YYYY-MM: only sightings first seen that month (a chart counts a sighting in that month). */
  month?: string;
  /** Only entities that point at this state (ISO alpha-2) or sponsor agency id (needs `factsOf`). */
  country?: string;
  sponsor?: string;
  /** Words that must all appear in the title, URL, sentence or entity name (any order, any case). */
  query?: string;
  /** Says in words where a filter from another view came from ("APT31 in 2026-11"), shown above the list. */
  label?: string;
}

/** The sightings that pass every filter, in their original order; `names` maps ids to searchable names. */
export function filterSightings(
  list: readonly Sighting[],
  f: SightingFilter,
  names: (id: string) => string = (id) => id,
  factsOf: FactsOf = () => undefined,
): Sighting[] {
  const ids = f.entityIds?.length ? new Set(f.entityIds) : undefined;
  const words = (f.query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return list.filter((s) => {
    if (ids && !ids.has(s.entityId)) return false;
    if (f.site && s.site !== f.site) return false;
    if (f.month && !s.firstSeen.startsWith(f.month)) return false;
    if (f.country || f.sponsor) {
      const facts = factsOf(s.entityId);
      if (f.country && facts?.country !== f.country) return false;
      if (f.sponsor && facts?.agency !== f.sponsor) return false;
    }
    if (f.from && s.lastSeen.slice(0, 10) < f.from) return false;
    if (f.to && s.firstSeen.slice(0, 10) > f.to) return false;
    if (words.length) {
      const hay = `${s.title}\n${s.url}\n${s.sentence}\n${names(s.entityId)}`.toLowerCase();
      if (!words.every((w) => hay.includes(w))) return false;
    }
    return true;
  });
}

/** The Sightings list's filter for a chart's bar (an Insights drill), with a label that says what it is. */
export function sightingFilterOf(
  d: Drill,
  names: (id: string) => string,
  countryName: (code: string) => string = (code) => code,
): SightingFilter {
  const f: SightingFilter = {};
  const said: string[] = [];
  if (d.entity) {
    f.entityIds = [d.entity];
    said.push(names(d.entity));
  }
  if (d.country) {
    f.country = d.country;
    said.push(`pointing at ${countryName(d.country)}`);
  }
  if (d.sponsor) {
    f.sponsor = d.sponsor;
    said.push(`sponsored by ${names(d.sponsor)}`);
  }
  if (d.month) {
    f.month = d.month;
    said.push(`first seen in ${d.month}`);
  }
  if (said.length) f.label = said.join(', ');
  return f;
}

/** One entity's sightings, most recent first. */
export interface Timeline {
  entityId: string;
  sightings: Sighting[];
}

/** Groups sightings per entity: each timeline newest first, the entity seen most recently first. */
export function timelines(list: readonly Sighting[]): Timeline[] {
  const by = new Map<string, Sighting[]>();
  for (const s of list) {
    const l = by.get(s.entityId);
    if (l) l.push(s);
    else by.set(s.entityId, [s]);
  }
  const out = [...by].map(([entityId, sightings]) => ({
    entityId,
    sightings: sightings.sort((a, b) => (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : 0)),
  }));
  return out.sort((a, b) => (a.sightings[0]!.lastSeen < b.sightings[0]!.lastSeen ? 1 : -1));
}

/**
 * An incident draft from a sighting ("save as incident"): the sentence as the quote, the entity as its
 * actor or agency, tagged "sighting". The background gives it its id and times.
 */
export function draftFromSighting(s: Sighting, kind: 'actor' | 'agency'): IncidentDraft {
  return {
    title: s.title || s.url,
    url: s.url,
    pageTitle: s.title,
    quote: { exact: s.sentence, prefix: '', suffix: '' },
    actorIds: kind === 'actor' ? [s.entityId] : [],
    agencyIds: kind === 'agency' ? [s.entityId] : [],
    tags: ['sighting'],
    notes: '',
  };
}
