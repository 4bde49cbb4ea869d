/**
 * The STIX 2.1 pieces every APT Lens export shares: deterministic ids, timestamps, and the objects the
 * knowledge base describes (an `intrusion-set` per actor, an `identity` per agency, `attributed-to`
 * relationships from an actor to its sponsor agency). The incidents export and the page report both build
 * on `StixGraph`, so the same actor gets the same id in every file and OpenCTI or MISP merge them.
 */

import { v5 } from 'uuid';
import type { OursFacts } from '../kb/card-data';
import type { Actor, Agency } from '../kb/types';

/** The STIX 2.1 namespace for deterministic identifiers (spec section 2.9). */
export const STIX_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/**
 * A name-based (v5) UUID in the STIX namespace: actor and agency ids must be the same in every export so
 * OpenCTI or MISP merge them instead of duplicating.
 */
export function uuidV5(name: string): string {
  return v5(name, STIX_NAMESPACE);
}

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

const CONFIDENCE: Record<string, number> = { confirmed: 95, high: 85, moderate: 50, low: 15, suspected: 15 };

/** STIX timestamps need a time and a Z; a plain date becomes midnight UTC. */
export function stixTime(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00.000Z` : new Date(iso).toISOString();
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

/** The deterministic id of an actor's `intrusion-set`. */
export function intrusionSetId(actorId: string): string {
  return `intrusion-set--${uuidV5(`apt-lens:actor:${actorId}`)}`;
}

/** The deterministic id of an agency's `identity`. */
export function agencyIdentityId(agencyId: string): string {
  return `identity--${uuidV5(`apt-lens:agency:${agencyId}`)}`;
}

/**
 * The knowledge base's objects for one bundle, each added once however often it is referred to. `now`
 * stamps them (`created`/`modified`), since they describe the KB rather than anything the reader wrote.
 */
export class StixGraph {
  private readonly objects = new Map<string, StixObject>();
  /** intrusion-set id → its attributed-to relationship id, so a report can list it beside the actor. */
  private readonly relationOf = new Map<string, string>();
  private readonly common: { spec_version: '2.1'; created: string; modified: string };

  constructor(
    now: Date,
    private readonly lookup: EntityLookup,
  ) {
    const stamp = now.toISOString();
    this.common = { spec_version: '2.1', created: stamp, modified: stamp };
  }

  /**
   * The actor's `intrusion-set` (aliases, ATT&CK reference) and its sponsor relationship; returns its id.
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
    const sponsorId = sponsor?.agencyId ?? e?.ours?.sponsor;
    if (sponsorId) {
      const target = this.identity(sponsorId);
      const rel = `relationship--${uuidV5(`apt-lens:attributed-to:${actorId}:${sponsorId}`)}`;
      this.relationOf.set(id, rel);
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
              confidence: CONFIDENCE[sponsor.confidence] ?? 50,
              description: `Attributed by ${sponsor.events.map((e) => `${e.by} (${e.date})`).join(', ')}`,
            }
          : { description: "Attributed in the reader's own knowledge base (APT Lens)" }),
        ...(refs.length ? { external_references: refs } : {}),
      });
    }
    return id;
  }

  /** The agency's `identity` (a government organisation); returns its id. */
  identity(agencyId: string, fallbackName?: string): string {
    const id = agencyIdentityId(agencyId);
    if (this.objects.has(id)) return id;
    const e = this.lookup(agencyId);
    const agency = e?.kind === 'agency' ? e.entity : undefined;
    this.objects.set(id, {
      type: 'identity',
      id,
      ...this.common,
      name: agency?.name ?? fallbackName ?? agencyId,
      identity_class: 'organization',
      sectors: ['government-national'],
      ...(agency?.country ? { description: `Government body, country ${agency.country}` } : {}),
    });
    return id;
  }

  /** The ids a report refers to: the actors and agencies, then each actor's sponsor relationship. */
  refsFor(actorIds: readonly string[], agencyIds: readonly string[]): string[] {
    const refs = [...actorIds.map((a) => this.intrusionSet(a)), ...agencyIds.map((a) => this.identity(a))];
    for (const r of [...refs]) {
      const rel = this.relationOf.get(r);
      if (rel && !refs.includes(rel)) refs.push(rel);
    }
    return refs;
  }

  /** The reader who saved the passages: what a report without actors or agencies refers to. */
  reader(): string {
    const id = `identity--${uuidV5('apt-lens:reader')}`;
    this.objects.set(id, {
      type: 'identity',
      id,
      ...this.common,
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
