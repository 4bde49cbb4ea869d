/**
 * A web page as a STIX 2.1 report, made from the popup: a `report` named after the page, with its address
 * as external reference, the reader's note and labels, and the first sentence naming each actor or agency
 * as the description's lines; it refers to those actors (`intrusion-set`) and agencies (`identity`) and the
 * sponsor relationships the knowledge base knows. The entities' ids are the incidents export's, so reports
 * imported one after another into OpenCTI or MISP share their actors instead of duplicating them.
 */
import manifest from '../../data/kb/manifest.json';
import { getEntity } from '../kb/index';
import { type EntityLookup, httpUrl, type StixBundle, StixGraph, stixTime } from './objects';
import { type PageReportInput, reportName, sentenceLines } from './page-report-input';

/** The bundle of a page report; `now` stamps it, `bundleId` and `reportId` are random unless given. */
export function pageReportBundle(
  input: PageReportInput,
  now: Date,
  ids: { bundle?: string; report?: string } = {},
  lookup: EntityLookup = getEntity,
): StixBundle {
  const graph = new StixGraph(lookup, manifest.builtAt);
  const { source } = input;
  const actors = source.entities.filter((e) => e.kind === 'actor');
  const agencies = source.entities.filter((e) => e.kind === 'agency');
  // Added first with the page's names, for entities the lookup does not know (the reader's own).
  for (const e of actors) graph.intrusionSet(e.id, e.name);
  for (const e of agencies) graph.identity(e.id, e.name);
  const refs = graph.refsFor(
    actors.map((e) => e.id),
    agencies.map((e) => e.id),
  );
  const url = httpUrl(source.url);
  let site = 'web';
  if (url) site = new URL(url).hostname;
  const stamp = now.toISOString();
  const report = {
    type: 'report',
    id: `report--${ids.report ?? crypto.randomUUID()}`,
    spec_version: '2.1',
    created: stamp,
    modified: stamp,
    name: reportName(input),
    description: [input.note.trim(), sentenceLines(source.entities)].filter(Boolean).join('\n\n'),
    published: stixTime(input.published),
    report_types: ['threat-report'],
    // A report must refer to at least one object; a page that names none refers to the reader.
    object_refs: refs.length ? refs : [graph.reader()],
    ...(input.labels.length ? { labels: input.labels } : {}),
    external_references: [
      { source_name: site, description: source.title || source.url, ...(url ? { url } : {}) },
    ],
  };
  return {
    type: 'bundle',
    id: `bundle--${ids.bundle ?? crypto.randomUUID()}`,
    objects: [...graph.list(), report],
  };
}
