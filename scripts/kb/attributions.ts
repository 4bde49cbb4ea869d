/**
 * Sponsor attributions as events (data/sponsors.json): each government, body or vendor that attributed an
 * actor, with its own date, form and source. The compiler checks every event and sorts them newest first,
 * so a card can say who said what when instead of one date for several governments.
 */
import type { AttributionEvent, AttributorKind, Confidence, Sponsor } from '../../lib/kb/types';

/** One event as written in data/sponsors.json: the country and agency default to the sponsor's. */
export interface CuratedEvent {
  by: string;
  kind: AttributorKind;
  agencies?: string[];
  date: string;
  how: string;
  refs: string[];
  refIsIndex?: boolean;
  /** The statement named the country only, not the sponsor's agency. */
  countryOnly?: boolean;
}

/** One actor's entry in data/sponsors.json. */
export interface CuratedSponsor {
  country: string;
  agencyId?: string;
  confidence: Confidence;
  events: CuratedEvent[];
}

const KINDS = new Set<AttributorKind>(['government', 'international', 'vendor']);

/** Turns curated entries into sponsors, rejecting an event without who, when, how or a source. */
export function buildSponsors(
  curated: Record<string, CuratedSponsor>,
  actorIds: Set<string>,
  agencyIds: Set<string>,
): Record<string, Sponsor> {
  const out: Record<string, Sponsor> = {};
  for (const [id, s] of Object.entries(curated)) {
    const where = `sponsors.json: ${id}`;
    if (!actorIds.has(id)) throw new Error(`${where}: unknown actor`);
    if (s.agencyId && !agencyIds.has(s.agencyId)) throw new Error(`${where}: unknown agency ${s.agencyId}`);
    if (!/^[A-Z]{2}$/.test(s.country)) throw new Error(`${where}: country must be an ISO alpha-2 code`);
    if (!s.events?.length) throw new Error(`${where}: no attribution events`);
    const events = s.events.map((e, i): AttributionEvent => {
      const at = `${where} event ${i + 1}`;
      if (!e.by?.trim()) throw new Error(`${at}: who made it is missing`);
      if (!KINDS.has(e.kind)) throw new Error(`${at}: kind must be government, international or vendor`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(e.date)) throw new Error(`${at}: date must be YYYY-MM-DD`);
      if (!e.how?.trim()) throw new Error(`${at}: the form of the attribution is missing`);
      if (!e.refs?.length || !e.refs.every((r) => /^https:\/\/\S+$/.test(r)))
        throw new Error(`${at}: needs https source URLs`);
      return {
        by: e.by,
        kind: e.kind,
        ...(e.agencies?.length ? { agencies: e.agencies } : {}),
        date: e.date,
        how: e.how,
        country: s.country,
        ...(s.agencyId && !e.countryOnly ? { agencyId: s.agencyId } : {}),
        refs: e.refs,
        ...(e.refIsIndex ? { refIsIndex: true } : {}),
      };
    });
    // Newest first; on one day governments before bodies before vendors, then by name, for a stable order.
    const rank = { government: 0, international: 1, vendor: 2 };
    events.sort(
      (a, b) =>
        (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) ||
        rank[a.kind] - rank[b.kind] ||
        (a.by < b.by ? -1 : a.by > b.by ? 1 : 0),
    );
    out[id] = {
      country: s.country,
      ...(s.agencyId ? { agencyId: s.agencyId } : {}),
      confidence: s.confidence,
      events,
    };
  }
  return out;
}

/** True when a government or international body named the sponsor's agency (not only a vendor). */
export function hasGovernmentAgencySource(s: Sponsor): boolean {
  return !!s.agencyId && s.events.some((e) => e.kind !== 'vendor' && e.agencyId === s.agencyId);
}

/** The newest attribution date in the KB: how fresh its facts are. */
export function newestAttribution(sponsors: Sponsor[]): string | undefined {
  return sponsors
    .flatMap((s) => s.events.map((e) => e.date))
    .sort()
    .at(-1);
}
