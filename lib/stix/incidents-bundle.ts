/**
 * STIX 2.1 export of incidents for OpenCTI, MISP and other TIPs: a `report` per incident referring to its
 * actors, agencies, their sponsors and the claimants, plus each claim of attribution (`lib/stix/claims.ts`),
 * built from the shared pieces in `lib/stix/objects.ts` (the same deterministic ids as the page report, so a
 * TIP merges what both export).
 */

import manifest from '../../data/kb/manifest.json';
import type { Claim, Incident } from '../incidents/model';
import { getEntity, loadKb } from '../kb/index';
import type { Agency } from '../kb/types';
import { addClaim, type StixClaim } from './claims';
import {
  type EntityLookup,
  httpUrl,
  type StixBundle,
  StixGraph,
  type StixObject,
  stixTime,
  uuidV5,
} from './objects';

/** A recorded claim as the STIX export writes it; the incident's own claim falls back on its actors. */
function fromRecorded(c: Claim, inc: Incident): StixClaim {
  const named = c.accusedName.trim();
  const own = c.kind === 'incident' && !c.accusedId && !named;
  return {
    kind: c.kind,
    claimants: c.claimants
      .filter((x) => x.name.trim())
      .map((x) => ({
        name: x.name.trim(),
        ...(x.agencyId ? { agencyId: x.agencyId } : agencyIdOf(x.name, inc)),
        ...(x.country ? { country: x.country } : {}),
      })),
    accused: c.accusedId ? [c.accusedId] : own ? inc.actorIds : [],
    ...(c.accusedId || own || !named ? {} : { accusedNames: [named] }),
    agencies: c.sponsorId ? [c.sponsorId] : [],
    confidence: c.confidence,
    ...(c.date ? { date: c.date } : {}),
    words: c.sentence || inc.quote.exact,
  };
}

const agencyIdOf = (name: string, inc: Incident) => {
  const agencyId = agencyNamed(name, inc.agencyIds);
  return agencyId ? { agencyId } : {};
};

/**
 * The claims of an incident as the STIX export writes them: the one place that reads the record's
 * attribution fields. Its `claims` when it has them; else its single `attribution` (claimant and their
 * words), whose accused are the incident's actors.
 */
export function claimsOf(inc: Incident): StixClaim[] {
  const recorded = inc.claims;
  if (recorded?.length)
    return recorded.map((c) => fromRecorded(c, inc)).filter((c) => c.claimants.length > 0);
  const a = inc.attribution;
  if (!a?.claimant.trim()) return [];
  return [
    {
      kind: 'incident',
      claimants: [{ name: a.claimant.trim(), ...agencyIdOf(a.claimant, inc) }],
      accused: inc.actorIds,
      agencies: [],
      confidence: a.confidence,
      ...(inc.occurredAt ? { date: inc.occurredAt } : {}),
      words: inc.quote.exact,
    },
  ];
}

const namesOf = (g: Agency) => [g.name, ...g.abbreviations, ...g.localNames, ...(g.otherNames ?? [])];
const key = (name: string) => name.replace(/\s+/g, ' ').trim().toLowerCase();
let byName: Map<string, string[]> | undefined;

/**
 * The KB agency a claimant's name is ("NÚKIB", "Ministry of State Security"): one of the incident's own
 * agencies first, else the only agency of the KB with that name; undefined when none is, or several are.
 */
export function agencyNamed(name: string, incidentAgencies: readonly string[]): string | undefined {
  const k = key(name);
  for (const id of incidentAgencies) {
    const e = getEntity(id);
    if (e?.kind === 'agency' && namesOf(e.entity).some((n) => key(n) === k)) return e.entity.id;
  }
  if (!byName) {
    byName = new Map();
    for (const g of loadKb().agencies) {
      for (const n of new Set(namesOf(g).map(key))) byName.set(n, [...(byName.get(n) ?? []), g.id]);
    }
  }
  const ids = byName.get(k);
  return ids?.length === 1 ? ids[0] : undefined;
}

/** The deterministic id of an incident's `report`. */
export function incidentReportId(incidentId: string): string {
  return `report--${uuidV5(`apt-lens:incident:${incidentId}`)}`;
}

/** The bundle for a set of incidents; `bundleId` is random unless given, `lookup` resolves entity ids. */
export function toStixBundle(
  incidents: readonly Incident[],
  bundleId: string = crypto.randomUUID(),
  lookup: EntityLookup = getEntity,
): StixBundle {
  const graph = new StixGraph(lookup, manifest.builtAt);
  const reports: StixObject[] = [];
  for (const inc of incidents) {
    const refs = graph.refsFor(inc.actorIds, inc.agencyIds);
    const url = httpUrl(inc.url);
    const article = {
      source_name: inc.site || 'web',
      description: inc.pageTitle || inc.url,
      ...(url ? { url } : {}),
    };
    const id = incidentReportId(inc.id);
    for (const [i, claim] of claimsOf(inc).entries()) {
      const claimants = addClaim(graph, claim, {
        key: `${inc.id}:${i}`,
        reportId: id,
        article,
        created: inc.createdAt,
        modified: inc.updatedAt,
      });
      for (const c of claimants) if (!refs.includes(c)) refs.push(c);
    }
    reports.push({
      type: 'report',
      id,
      spec_version: '2.1',
      created: stixTime(inc.createdAt),
      modified: stixTime(inc.updatedAt),
      name: inc.title || inc.pageTitle || inc.quote.exact.slice(0, 120) || 'Incident',
      description: [inc.quote.exact, inc.notes].filter(Boolean).join('\n\n'),
      published: stixTime(inc.occurredAt ?? inc.createdAt),
      report_types: ['threat-report'],
      // A report must refer to at least one object; one without entities refers to the reader who saved it.
      object_refs: refs.length ? refs : [graph.reader()],
      ...(inc.tags.length ? { labels: inc.tags } : {}),
      external_references: [article],
      x_apt_lens_incident_id: inc.id,
    });
  }
  // A bundle needs at least one object: an empty store exports just the reader.
  if (reports.length === 0) graph.reader();
  return { type: 'bundle', id: `bundle--${bundleId}`, objects: [...graph.list(), ...reports] };
}
