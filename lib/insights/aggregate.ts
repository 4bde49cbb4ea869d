/**
 * The numbers behind the dashboard's Insights charts: incidents and sightings per month (in all and per
 * entity), per named entity, per sponsor state and agency, per tag. Pure and single-pass so 10,000 incidents
 * and 50,000 sightings aggregate in a few milliseconds, in a test or off the dashboard's first paint.
 */
import { incidentDate } from '../incidents/filter';
import type { Incident } from '../incidents/model';
import { type FactsOf, pointsAt } from '../overlay/sponsor-facts';

/** What a sighting contributes to the insights (15a's `Sighting` has these fields and more). */
export interface SightingFacts {
  entityId: string;
  /** RFC 3339: a sighting counts in the month the reader first met the page, which later visits do not move. */
  firstSeen: string;
}

/**
 * Sightings known from their store keys alone (`entityId + '\n' + url`, lib/sightings/model.ts): enough for
 * every chart but the per-month one, and read far faster than the records. They carry no date.
 */
export function sightingsFromKeys(keys: readonly string[]): SightingFacts[] {
  return keys.map((k) => {
    const cut = k.indexOf('\n');
    return { entityId: cut < 0 ? k : k.slice(0, cut), firstSeen: '' };
  });
}

/** How many incidents and sightings fall in one bucket. */
export interface Tally {
  incidents: number;
  sightings: number;
}

/** One bar of a chart: a key (an entity or agency id, a country code, a tag) and its counts. */
export interface Bucket extends Tally {
  key: string;
}

/** Which of the two lists a chart counts. */
export type Measure = keyof Tally;

/** Everything the Insights view draws. */
export interface Insights {
  /** Every month from the first to the last one with data, as YYYY-MM; empty when there is no data. */
  months: string[];
  /** Counts per month: under '' for everything, and under each entity id. Months without data are absent. */
  byMonth: Map<string, Map<string, Tally>>;
  /** Per named entity (an incident's actors and agencies; a sighting's entity), most first. */
  entities: Bucket[];
  /** Per sponsor state (ISO alpha-2), most first; each record counts once per state. */
  countries: Bucket[];
  /** Per sponsor agency id, most first. */
  agencies: Bucket[];
  /** Per incident tag, most first (sightings have none). */
  tags: Bucket[];
  /** Records that point at no known state. */
  unattributed: Tally;
  totals: Tally;
}

/** The month a date string falls in (YYYY-MM), from its first seven characters. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The first and last day of a YYYY-MM month, as the lists' inclusive from/to filters take them. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** Every month from `first` to `last` inclusive (YYYY-MM). */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (let month = first; month <= last; ) {
    out.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
    month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
  }
  return out;
}

const VALID_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function bump(map: Map<string, Tally>, key: string, measure: Measure): void {
  let t = map.get(key);
  if (!t) {
    t = { incidents: 0, sightings: 0 };
    map.set(key, t);
  }
  t[measure] += 1;
}

function bumpMonth(
  byMonth: Map<string, Map<string, Tally>>,
  entity: string,
  month: string,
  m: Measure,
): void {
  let months = byMonth.get(entity);
  if (!months) {
    months = new Map();
    byMonth.set(entity, months);
  }
  bump(months, month, m);
}

function buckets(map: Map<string, Tally>): Bucket[] {
  return [...map]
    .map(([key, t]) => ({ key, ...t }))
    .sort((a, b) => b.incidents + b.sightings - (a.incidents + a.sightings) || (a.key < b.key ? -1 : 1));
}

/** Counts incidents and sightings into every chart's buckets. */
export function aggregate(
  incidents: readonly Incident[],
  sightings: readonly SightingFacts[],
  factsOf: FactsOf,
): Insights {
  const byMonth = new Map<string, Map<string, Tally>>();
  const entities = new Map<string, Tally>();
  const countries = new Map<string, Tally>();
  const agencies = new Map<string, Tally>();
  const tags = new Map<string, Tally>();
  const unattributed: Tally = { incidents: 0, sightings: 0 };
  let first = '';
  let last = '';

  const count = (ids: readonly string[], date: string, m: Measure) => {
    const month = monthOf(date);
    const dated = VALID_MONTH.test(month);
    if (dated) {
      if (!first || month < first) first = month;
      if (month > last) last = month;
      bumpMonth(byMonth, '', month, m);
    }
    for (const id of ids) {
      bump(entities, id, m);
      if (dated) bumpMonth(byMonth, id, month, m);
    }
    const at = pointsAt(ids, factsOf);
    if (at.countries.length === 0) unattributed[m] += 1;
    for (const c of at.countries) bump(countries, c, m);
    for (const a of at.agencies) bump(agencies, a, m);
  };

  for (const i of incidents) {
    count([...new Set([...i.actorIds, ...i.agencyIds])], incidentDate(i), 'incidents');
    for (const t of i.tags) bump(tags, t, 'incidents');
  }
  for (const s of sightings) count([s.entityId], s.firstSeen, 'sightings');

  return {
    months: first ? monthsBetween(first, last) : [],
    byMonth,
    entities: buckets(entities),
    countries: buckets(countries),
    agencies: buckets(agencies),
    tags: buckets(tags),
    unattributed,
    totals: { incidents: incidents.length, sightings: sightings.length },
  };
}

/** One measure per month for everything ('') or one entity, aligned with `insights.months` (zeros filled). */
export function monthSeries(insights: Insights, entity: string, measure: Measure): number[] {
  const months = insights.byMonth.get(entity);
  return insights.months.map((m) => months?.get(m)?.[measure] ?? 0);
}

/** The `n` buckets with the most of `measure`, most first, leaving out those with none. */
export function topBuckets(list: readonly Bucket[], measure: Measure, n: number): Bucket[] {
  return list
    .filter((b) => b[measure] > 0)
    .sort((a, b) => b[measure] - a[measure] || (a.key < b.key ? -1 : 1))
    .slice(0, n);
}
