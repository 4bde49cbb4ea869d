/**
 * A click on a chart's bar, as a place in the dashboard: which list to open and what to filter it on. It
 * travels as the tab's argument (URL search-params text, so a reload keeps it) and turns into each list's
 * own filter.
 */
import type { IncidentFilter } from '../incidents/filter';
import type { FactsOf } from '../overlay/sponsor-facts';
import { type Measure, monthRange } from './aggregate';

/** What a bar stands for. Every field narrows the list; none set means the whole list. */
export interface Drill {
  list: Measure;
  /** An actor or agency id. */
  entity?: string;
  /** A sponsor state (ISO alpha-2). */
  country?: string;
  /** A sponsor agency id. */
  sponsor?: string;
  tag?: string;
  /** YYYY-MM. */
  month?: string;
}

const FIELDS = ['entity', 'country', 'sponsor', 'tag', 'month'] as const;

/** The drill as tab-argument text. */
export function drillToArg(d: Drill): string {
  const q = new URLSearchParams();
  for (const k of FIELDS) if (d[k]) q.set(k, d[k]!);
  return q.toString();
}

/** Reads a tab argument back; anything but the known fields is dropped, so a hand-edited URL filters safely. */
export function drillFromArg(list: Measure, arg: string | undefined): Drill {
  const d: Drill = { list };
  if (!arg) return d;
  const q = new URLSearchParams(arg);
  for (const k of FIELDS) {
    const v = q.get(k)?.trim();
    if (v) d[k] = v;
  }
  if (d.month && !/^\d{4}-(0[1-9]|1[0-2])$/.test(d.month)) delete d.month;
  return d;
}

/** The Incidents list's filter for a drill: an entity filters the actor or agency field by its kind. */
export function incidentFilterOf(d: Drill, factsOf: FactsOf): IncidentFilter {
  const f: IncidentFilter = {};
  if (d.entity) {
    if (factsOf(d.entity)?.kind === 'agency') f.agency = d.entity;
    else f.actor = d.entity;
  }
  if (d.country) f.country = d.country;
  if (d.sponsor) f.sponsor = d.sponsor;
  if (d.tag) f.tag = d.tag;
  if (d.month) Object.assign(f, monthRange(d.month));
  return f;
}
