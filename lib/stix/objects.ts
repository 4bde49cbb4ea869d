/**
 * The STIX 2.1 pieces every APT Lens export shares: deterministic ids, timestamps, and the objects the
 * knowledge base describes (an `intrusion-set` per actor, an `identity` per agency, `attributed-to`
 * relationships from an actor to its sponsor agency). The incidents export and the page report both build
 * on `StixGraph`, so the same actor gets the same id in every file and OpenCTI or MISP merge them.
 */

import { parse, v5 } from 'uuid';
import type { OursFacts } from '../kb/card-data';
import type { Actor, Agency, Confidence } from '../kb/types';

/**
 * APT Lens's own namespace for name-based ids (a random UUID drawn once, never to change). STIX 2.1 §2.9
 * reserves `00abedb4-aa42-466c-9c01-fed23315a9b7` for cyber-observable ids and says a producer of other
 * deterministic ids MUST NOT use it; ours keeps the ids of actors, agencies and claims stable across exports
 * so OpenCTI or MISP merge them instead of duplicating.
 */
export const APT_LENS_NAMESPACE = 'a9192836-fb6c-458d-8643-56caf3513419';

/** The namespace STIX reserves for cyber-observable ids, which ours must never be (a test says so). */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

const NAMESPACE_BYTES = parse(APT_LENS_NAMESPACE);
/** Ids already made: an export names the same actor or agency once per incident that refers to it. */
const made = new Map<string, string>();

/** A name-based (v5) UUID in APT Lens's namespace: the same name gives the same id in every export. */
export function uuidV5(name: string): string {
  let id = made.get(name);
  if (id === undefined) {
    id = v5(name, NAMESPACE_BYTES);
    if (made.size >= 100_000) made.clear();
    made.set(name, id);
  }
  return id;
}

/**
 * `created` of every object that describes the knowledge base (actors, agencies, sponsors, claimants):
 * fixed, because STIX 2.1 §3.2 says an object's `created` never changes; a newer KB shows in `modified`.
 */
export const KB_CREATED = '2026-01-01T00:00:00.000Z';

/** One STIX object, loosely typed: the tests check the output against the official JSON schemas. */
export type StixObject = { type: string; id: string } & Record<string, unknown>;

/** A STIX 2.1 bundle. */
export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/**
 * How an export looks an entity up: the KB's `getEntity` (each export passes it, so this module stays free
 * of the KB's data), or the overlay's lookup, which also knows the reader's own entities (`ours-` ids) and
 * the names and sponsors the reader added (`ours`).
 */
export type EntityLookup = (id: string) =>
  | (({ kind: 'actor'; entity: Actor } | { kind: 'agency'; entity: Agency }) & {
      ours?: Pick<OursFacts, 'aliases' | 'sponsor'>;
    })
  | undefined;

/** The KB's confidence words as numbers (STIX 2.1 Appendix A, the None/Low/Med/High scale, plus ends). */
const KB_CONFIDENCE: Record<Confidence, number> = {
  confirmed: 95,
  high: 85,
  moderate: 50,
  low: 15,
  suspected: 15,
};

/** STIX timestamps need a time and a Z; a plain date becomes midnight UTC. */
export function stixTime(iso: string): string {
  // Most stamps are already in the form (the store writes toISOString()): no need to parse them again.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(iso)) return iso;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00.000Z` : new Date(iso).toISOString();
}

/** The later of two STIX timestamps (`modified` may never be before `created`). */
export function laterOf(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** The URL when it is http: or https: (the only kinds worth an external reference), else undefined. */
export function httpUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

let regions: Intl.DisplayNames | undefined;

/** A country's English name from its ISO code ("CZ" → "Czechia"); the code where none is known. */
export function countryName(code: string): string {
  try {
    regions ??= new Intl.DisplayNames(['en'], { type: 'region' });
    return regions.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/**
 * An agency's exported name, its country in brackets ("Ministry of Foreign Affairs (Czechia)"): platforms
 * that merge identities by name (OpenCTI does) must not merge two countries' ministries.
 */
export function agencyName(agency: Pick<Agency, 'name' | 'country'>): string {
  return agency.country ? `${agency.name} (${countryName(agency.country)})` : agency.name;
}

/** The deterministic id of an actor's `intrusion-set`. */
export function intrusionSetId(actorId: string): string {
  return `intrusion-set--${uuidV5(`apt-lens:actor:${actorId}`)}`;
}

/** The deterministic id of an agency's `identity`. */
export function agencyIdentityId(agencyId: string): string {
  return `identity--${uuidV5(`apt-lens:agency:${agencyId}`)}`;
}

/** The deterministic id of an agency in its role as an actor's sponsor (a `threat-actor`). */
export function sponsorId(agencyId: string): string {
  return `threat-actor--${uuidV5(`apt-lens:sponsor:${agencyId}`)}`;
}

/** The deterministic id of the `attributed-to` relationship from an actor to its sponsor, as the KB has it. */
export function sponsorRelationshipId(actorId: string, agencyId: string): string {
  return `relationship--${uuidV5(`apt-lens:attributed-to:${actorId}:${agencyId}`)}`;
}

/** Words that make a claimant a government body rather than a company or a person. */
const GOVERNMENT =
  /\b(?:government|governments|ministry|ministries|minister|agency|agencies|authorit(?:y|ies)|police|intelligence|department|office|council|parliament|state|states|national|federal|prosecutors?|commission|centre|center|service|services|army|military|president|kingdom|republic)\b/i;

/**
 * A claimant as exported: the name it is known by (with its country when that is known and not already in
 * the name), and its deterministic id. A claimant that is a KB agency is that agency's identity.
 */
export function claimantName(name: string, country?: string): string {
  const tidy = name.replace(/\s+/g, ' ').trim();
  if (!country) return tidy;
  const land = countryName(country);
  return tidy.toLowerCase().includes(land.toLowerCase()) ? tidy : `${tidy} (${land})`;
}

/** The deterministic id of a claimant's `identity`, from its exported name (case and spacing aside). */
export function claimantIdentityId(exportedName: string): string {
  return `identity--${uuidV5(`apt-lens:claimant:${exportedName.toLowerCase()}`)}`;
}

/** The timestamps of objects that describe the KB: a fixed `created`, the KB's date as `modified`. */
interface Stamps {
  spec_version: '2.1';
  created: string;
  modified: string;
}

/**
 * The knowledge base's objects for one bundle, each added once however often it is referred to. They are
 * stamped `KB_CREATED` (never changes) and `kbDate`, the KB snapshot's date, as `modified`, so the same
 * object is the same in every export of one KB.
 *
 * An actor's sponsor is written the way STIX 2.1 suggests and OpenCTI's relationship table accepts:
 * `intrusion-set` —attributed-to→ `threat-actor` (the agency as nation-state sponsor) —attributed-to→
 * `identity` (the agency as an organisation). An `attributed-to` from an intrusion set straight to an
 * identity is permitted but not suggested by STIX, and OpenCTI refuses it (docs/stix.md).
 */
export class StixGraph {
  private readonly objects = new Map<string, StixObject>();
  /** object id → the ids a report lists beside it (an actor's sponsor and the relationships to it). */
  private readonly companions = new Map<string, string[]>();
  private readonly common: Stamps;

  constructor(
    private readonly lookup: EntityLookup,
    kbDate: string = KB_CREATED,
  ) {
    this.common = {
      spec_version: '2.1',
      created: KB_CREATED,
      modified: laterOf(stixTime(kbDate), KB_CREATED),
    };
  }

  /** Adds an object made elsewhere (a claim, a report), keeping the first of two with one id. */
  add(obj: StixObject): string {
    if (!this.objects.has(obj.id)) this.objects.set(obj.id, obj);
    return obj.id;
  }

  /**
   * The actor's `intrusion-set` (aliases, ATT&CK reference) and its sponsor; returns its id.
   * `fallbackName` names an actor the lookup does not know (else its id does).
   */
  intrusionSet(actorId: string, fallbackName?: string): string {
    const id = intrusionSetId(actorId);
    if (this.objects.has(id)) return id;
    const e = this.lookup(actorId);
    const actor = e?.kind === 'actor' ? e.entity : undefined;
    const name = actor?.name ?? fallbackName ?? actorId;
    // The reader's own names for it go in too: the report is for the reader's own platform.
    const names = [...(actor?.aliases ?? []), ...(e?.ours?.aliases ?? [])].map((a) => a.name);
    const aliases = [...new Set(names.filter((n) => n !== name))];
    const refs = actor?.attackId
      ? [
          {
            source_name: 'mitre-attack',
            external_id: actor.attackId,
            url: `https://attack.mitre.org/groups/${actor.attackId}/`,
          },
        ]
      : [];
    this.objects.set(id, {
      type: 'intrusion-set',
      id,
      ...this.common,
      name,
      ...(aliases.length ? { aliases } : {}),
      ...(actor?.summary ? { description: actor.summary } : {}),
      ...(refs.length ? { external_references: refs } : {}),
    });
    const sponsor = actor?.sponsor;
    const agencyId = sponsor?.agencyId ?? e?.ours?.sponsor;
    if (agencyId) {
      const target = this.sponsor(agencyId);
      const rel = sponsorRelationshipId(actorId, agencyId);
      const refs =
        sponsor?.events.flatMap((e) =>
          e.refs.map((url) => ({ source_name: e.by, url, description: `${e.date}: ${e.how}` })),
        ) ?? [];
      this.objects.set(rel, {
        type: 'relationship',
        id: rel,
        ...this.common,
        relationship_type: 'attributed-to',
        source_ref: id,
        target_ref: target,
        ...(sponsor?.agencyId
          ? {
              confidence: KB_CONFIDENCE[sponsor.confidence] ?? 50,
              description: `Attributed by ${sponsor.events.map((e) => `${e.by} (${e.date})`).join(', ')}`,
            }
          : { description: "Attributed in the reader's own knowledge base (APT Lens)" }),
        ...(refs.length ? { external_references: refs } : {}),
      });
      this.companions.set(id, [rel, target, ...(this.companions.get(target) ?? [])]);
    }
    return id;
  }

  /**
   * The agency as a sponsor: a nation-state `threat-actor` of the agency's name, attributed to the agency's
   * `identity`; returns the threat actor's id.
   */
  sponsor(agencyId: string, fallbackName?: string): string {
    const id = sponsorId(agencyId);
    if (this.objects.has(id)) return id;
    const identity = this.identity(agencyId, fallbackName);
    const name = this.objects.get(identity)!.name as string;
    this.objects.set(id, {
      type: 'threat-actor',
      id,
      ...this.common,
      name,
      description: `${name} as the state sponsor of the intrusion sets attributed to it.`,
      threat_actor_types: ['nation-state'],
      resource_level: 'government',
    });
    const rel = `relationship--${uuidV5(`apt-lens:sponsor-identity:${agencyId}`)}`;
    this.objects.set(rel, {
      type: 'relationship',
      id: rel,
      ...this.common,
      relationship_type: 'attributed-to',
      source_ref: id,
      target_ref: identity,
      description: `The sponsor is the government body ${name}.`,
    });
    this.companions.set(id, [rel, identity]);
    return id;
  }

  /** The agency's `identity` (a government organisation, named with its country); returns its id. */
  identity(agencyId: string, fallbackName?: string): string {
    const id = agencyIdentityId(agencyId);
    if (this.objects.has(id)) return id;
    const e = this.lookup(agencyId);
    const agency = e?.kind === 'agency' ? e.entity : undefined;
    const international = agency?.kind === 'international';
    this.objects.set(id, {
      type: 'identity',
      id,
      ...this.common,
      name: agency ? agencyName(agency) : (fallbackName ?? agencyId),
      identity_class: 'organization',
      ...(international ? {} : { sectors: ['government-national'] }),
      ...(agency?.country ? { description: `Government body of ${countryName(agency.country)}` } : {}),
      ...(agency?.country ? { x_apt_lens_country: agency.country } : {}),
    });
    return id;
  }

  /**
   * Whoever made a claim, as an `identity`: the KB agency when the claim names one, else an organisation of
   * the claimant's name (with its country when known); returns its id. Its content depends on its name
   * alone, so it keeps `KB_CREATED` as both timestamps.
   */
  claimant(name: string, agencyId?: string, country?: string): string {
    if (agencyId && this.lookup(agencyId)?.kind === 'agency') return this.identity(agencyId);
    const exported = claimantName(name, country);
    const id = claimantIdentityId(exported);
    if (this.objects.has(id)) return id;
    this.objects.set(id, {
      type: 'identity',
      id,
      spec_version: '2.1',
      created: KB_CREATED,
      modified: KB_CREATED,
      name: exported,
      identity_class: 'organization',
      ...(GOVERNMENT.test(exported) ? { sectors: ['government-national'] } : {}),
      ...(country ? { x_apt_lens_country: country.toUpperCase() } : {}),
    });
    return id;
  }

  /** The name an added object goes by (for a claim's abstract), or its id. */
  nameOf(id: string): string {
    return (this.objects.get(id)?.name as string | undefined) ?? id;
  }

  /** The ids a report refers to: the actors and agencies, then each actor's sponsor and its relationships. */
  refsFor(actorIds: readonly string[], agencyIds: readonly string[]): string[] {
    const refs = [...actorIds.map((a) => this.intrusionSet(a)), ...agencyIds.map((a) => this.identity(a))];
    const seen = new Set(refs);
    for (const r of [...refs]) {
      for (const c of this.companions.get(r) ?? []) {
        if (!seen.has(c)) {
          seen.add(c);
          refs.push(c);
        }
      }
    }
    return refs;
  }

  /** The reader who saved the passages: what a report without actors or agencies refers to. */
  reader(): string {
    const id = `identity--${uuidV5('apt-lens:reader')}`;
    this.objects.set(id, {
      type: 'identity',
      id,
      spec_version: '2.1',
      created: KB_CREATED,
      modified: KB_CREATED,
      name: 'APT Lens reader',
      identity_class: 'individual',
    });
    return id;
  }

  /** Every object added so far, in the order they were first referred to. */
  list(): StixObject[] {
    return [...this.objects.values()];
  }
}
