/**
 * STIX 2.1 export for OpenCTI, MISP and other TIPs: a `report` per incident, an `intrusion-set` per actor
 * (aliases, ATT&CK reference), an `identity` per agency, and `attributed-to` relationships from an actor
 * to the agency the knowledge base says sponsors it. Actor and agency ids are name-based UUIDs, so every
 * export names them the same way and a TIP merges them.
 */

import { v5 } from 'uuid';
import { getEntity } from '../kb/index';
import type { Incident } from './model';

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

/** How the export looks an entity up (a seam for tests; the KB by default). */
export type EntityLookup = typeof getEntity;

const CONFIDENCE: Record<string, number> = { confirmed: 95, high: 85, moderate: 50, low: 15, suspected: 15 };

/** STIX timestamps need a time and a Z; a plain date becomes midnight UTC. */
function stixTime(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00.000Z` : new Date(iso).toISOString();
}

function httpUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** The bundle for a set of incidents; `now` stamps the objects the KB describes, `bundleId` is random. */
export function toStixBundle(
  incidents: readonly Incident[],
  now: Date,
  bundleId: string = crypto.randomUUID(),
  lookup: EntityLookup = getEntity,
): StixBundle {
  const stamp = now.toISOString();
  const common = { spec_version: '2.1', created: stamp, modified: stamp };
  const objects = new Map<string, StixObject>();
  /** intrusion-set id → its attributed-to relationship id, so each report can list it. */
  const relationOf = new Map<string, string>();

  const intrusionSet = (actorId: string): string => {
    const id = `intrusion-set--${uuidV5(`apt-lens:actor:${actorId}`)}`;
    if (objects.has(id)) return id;
    const e = lookup(actorId);
    const actor = e?.kind === 'actor' ? e.entity : undefined;
    const name = actor?.name ?? actorId;
    const aliases = actor ? [...new Set(actor.aliases.map((a) => a.name).filter((n) => n !== name))] : [];
    const refs = actor?.attackId
      ? [
          {
            source_name: 'mitre-attack',
            external_id: actor.attackId,
            url: `https://attack.mitre.org/groups/${actor.attackId}/`,
          },
        ]
      : [];
    objects.set(id, {
      type: 'intrusion-set',
      id,
      ...common,
      name,
      ...(aliases.length ? { aliases } : {}),
      ...(actor?.summary ? { description: actor.summary } : {}),
      ...(refs.length ? { external_references: refs } : {}),
    });
    const sponsor = actor?.sponsor;
    if (sponsor?.agencyId) {
      const target = identity(sponsor.agencyId);
      const rel = `relationship--${uuidV5(`apt-lens:attributed-to:${actorId}:${sponsor.agencyId}`)}`;
      relationOf.set(id, rel);
      objects.set(rel, {
        type: 'relationship',
        id: rel,
        ...common,
        relationship_type: 'attributed-to',
        source_ref: id,
        target_ref: target,
        confidence: CONFIDENCE[sponsor.confidence] ?? 50,
        description: `Attributed by ${sponsor.events.map((e) => `${e.by} (${e.date})`).join(', ')}`,
        external_references: sponsor.events.flatMap((e) =>
          e.refs.map((url) => ({ source_name: e.by, url, description: `${e.date}: ${e.how}` })),
        ),
      });
    }
    return id;
  };

  const identity = (agencyId: string): string => {
    const id = `identity--${uuidV5(`apt-lens:agency:${agencyId}`)}`;
    if (objects.has(id)) return id;
    const e = lookup(agencyId);
    const agency = e?.kind === 'agency' ? e.entity : undefined;
    objects.set(id, {
      type: 'identity',
      id,
      ...common,
      name: agency?.name ?? agencyId,
      identity_class: 'organization',
      sectors: ['government-national'],
      ...(agency?.country ? { description: `Government body, country ${agency.country}` } : {}),
    });
    return id;
  };

  /** The reader who saved the passages: what a report without actors or agencies refers to. */
  const reader = (): string => {
    const id = `identity--${uuidV5('apt-lens:reader')}`;
    objects.set(id, {
      type: 'identity',
      id,
      ...common,
      name: 'APT Lens reader',
      identity_class: 'individual',
    });
    return id;
  };

  const reports: StixObject[] = [];
  for (const inc of incidents) {
    const refs = [...inc.actorIds.map(intrusionSet), ...inc.agencyIds.map(identity)];
    for (const r of [...refs]) {
      const rel = relationOf.get(r);
      if (rel && !refs.includes(rel)) refs.push(rel);
    }
    const url = httpUrl(inc.url);
    const source = {
      source_name: inc.site || 'web',
      description: inc.pageTitle || inc.url,
      ...(url ? { url } : {}),
    };
    reports.push({
      type: 'report',
      id: `report--${uuidV5(`apt-lens:incident:${inc.id}`)}`,
      spec_version: '2.1',
      created: stixTime(inc.createdAt),
      modified: stixTime(inc.updatedAt),
      name: inc.title || inc.pageTitle || inc.quote.exact.slice(0, 120) || 'Incident',
      description: [inc.quote.exact, inc.notes].filter(Boolean).join('\n\n'),
      published: stixTime(inc.occurredAt ?? inc.createdAt),
      report_types: ['threat-report'],
      // A report must refer to at least one object; one without entities refers to the reader who saved it.
      object_refs: refs.length ? refs : [reader()],
      ...(inc.tags.length ? { labels: inc.tags } : {}),
      external_references: [source],
      x_apt_lens_incident_id: inc.id,
    });
  }
  // A bundle needs at least one object: an empty store exports just the reader.
  if (reports.length === 0) reader();
  return { type: 'bundle', id: `bundle--${bundleId}`, objects: [...objects.values(), ...reports] };
}
