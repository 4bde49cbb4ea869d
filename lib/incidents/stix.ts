/**
 * STIX 2.1 export of incidents for OpenCTI, MISP and other TIPs: a `report` per incident referring to its
 * actors, agencies and their sponsor relationships, built from the shared pieces in `lib/stix/objects.ts`
 * (the same deterministic ids as the page report, so a TIP merges what both export).
 */

import { getEntity } from '../kb/index';
import {
  type EntityLookup,
  httpUrl,
  type StixBundle,
  StixGraph,
  type StixObject,
  stixTime,
  uuidV5,
} from '../stix/objects';
import type { Incident } from './model';

/** The bundle for a set of incidents; `now` stamps the objects the KB describes, `bundleId` is random. */
export function toStixBundle(
  incidents: readonly Incident[],
  now: Date,
  bundleId: string = crypto.randomUUID(),
  lookup: EntityLookup = getEntity,
): StixBundle {
  const graph = new StixGraph(now, lookup);
  const reports: StixObject[] = [];
  for (const inc of incidents) {
    const refs = graph.refsFor(inc.actorIds, inc.agencyIds);
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
      object_refs: refs.length ? refs : [graph.reader()],
      ...(inc.tags.length ? { labels: inc.tags } : {}),
      external_references: [source],
      x_apt_lens_incident_id: inc.id,
    });
  }
  // A bundle needs at least one object: an empty store exports just the reader.
  if (reports.length === 0) graph.reader();
  return { type: 'bundle', id: `bundle--${bundleId}`, objects: [...graph.list(), ...reports] };
}
