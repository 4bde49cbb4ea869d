/**
 * Who an entity points at: the state, and where known the agency, said to be behind it. Insights count
 * incidents and sightings per sponsor with these facts; the lookup is a parameter so the user's own entities
 * (the KB overlay) plug in beside the bundled ones.
 */
import type { KnowledgeBase } from '../kb/types';
import type { Overlay } from './model';

/** What the insights need to know about one actor or agency id. */
export interface EntityFacts {
  kind: 'actor' | 'agency';
  /** ISO 3166-1 alpha-2 code of the state behind the entity, when known. */
  country?: string;
  /** KB id of the agency behind it, when known (for an agency that sponsors actors, itself). */
  agency?: string;
}

/** Resolves an id to its facts; undefined for ids nobody knows (a deleted overlay entity). */
export type FactsOf = (id: string) => EntityFacts | undefined;

/**
 * Facts from the bundled KB. An actor's state is its sponsor's where a public attribution names one, else the
 * country the KB files it under; its agency comes only from a sponsor fact. An agency points at itself and
 * its state only when it sponsors some actor (the MSS does; a CERT that published the report does not).
 */
export function kbFacts(kb: KnowledgeBase): FactsOf {
  const facts = new Map<string, EntityFacts>();
  const sponsoring = new Set<string>();
  for (const a of kb.actors) {
    const country = a.sponsor?.country ?? a.country;
    const agency = a.sponsor?.agencyId;
    if (agency) sponsoring.add(agency);
    facts.set(a.id, { kind: 'actor', ...(country ? { country } : {}), ...(agency ? { agency } : {}) });
  }
  for (const g of kb.agencies) {
    const f: EntityFacts = sponsoring.has(g.id)
      ? { kind: 'agency', ...(g.country ? { country: g.country } : {}), agency: g.id }
      : { kind: 'agency' };
    facts.set(g.id, f);
    if (g.formerId) facts.set(g.formerId, f);
  }
  return (id) => facts.get(id);
}

/** The states and agencies a set of named ids points at, each once. */
export function pointsAt(
  ids: readonly string[],
  factsOf: FactsOf,
): { countries: string[]; agencies: string[] } {
  const countries = new Set<string>();
  const agencies = new Set<string>();
  for (const id of ids) {
    const f = factsOf(id);
    if (f?.country) countries.add(f.country);
    if (f?.agency) agencies.add(f.agency);
  }
  return { countries: [...countries], agencies: [...agencies] };
}

/**
 * The reader's own entities (the KB overlay) over the bundled facts, so Insights count and name them like
 * bundled ones. An own actor points at its country and its sponsor; an agency (own or bundled) that sponsors
 * an own actor points at itself and its state, as a bundled sponsor does.
 */
export function withOverlayFacts(overlay: Overlay, bundled: FactsOf, countryOf: CountryOf): FactsOf {
  const own = new Map(overlay.entities.map((e) => [e.id, e]));
  const sponsoring = new Set(
    overlay.entities.flatMap((e) => (e.kind === 'actor' && e.sponsor ? [e.sponsor] : [])),
  );
  const agencyFacts = (id: string): EntityFacts => {
    const country = own.get(id)?.country ?? countryOf(id);
    return { kind: 'agency', ...(country ? { country } : {}), agency: id };
  };
  return (id) => {
    const e = own.get(id);
    if (e?.kind === 'actor') {
      const country = (e.sponsor && (own.get(e.sponsor)?.country ?? countryOf(e.sponsor))) || e.country;
      return { kind: 'actor', ...(country ? { country } : {}), ...(e.sponsor ? { agency: e.sponsor } : {}) };
    }
    if (sponsoring.has(id)) return agencyFacts(id);
    if (e) return { kind: 'agency' };
    return bundled(id);
  };
}

/** The country the KB files an id under (bundled entities); a seam so the function stays pure. */
export type CountryOf = (id: string) => string | undefined;
