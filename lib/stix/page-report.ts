/**
 * A web page as a STIX 2.1 report, made from the popup: a `report` named after the page, with its address
 * as external reference, the reader's note and labels, and the first sentence naming each actor or agency
 * as the description's lines; it refers to those actors (`intrusion-set`) and agencies (`identity`) and the
 * sponsor relationships the knowledge base knows. The entities' ids are the incidents export's, so reports
 * imported one after another into OpenCTI or MISP share their actors instead of duplicating them.
 */
import type { IncidentDraft } from '../incidents/schema';
import { getEntity } from '../kb/index';
import type { PageReportSource, ReportEntity } from '../protocol/page';
import { type EntityLookup, httpUrl, type StixBundle, StixGraph, stixTime } from './objects';

/** What the reader chose in the popup, on top of what the page gave. */
export interface PageReportInput {
  /** The page's address, title and the entities the reader kept (in the page's order). */
  source: PageReportSource;
  /** The report's name; the page title when empty. */
  name: string;
  /** The reader's note (may be empty). */
  note: string;
  labels: string[];
  /** When it was published: YYYY-MM-DD or an RFC 3339 date-time. */
  published: string;
}

/** Labels as the reader types them: comma-separated, trimmed, empty and repeated ones dropped, 100 at most. */
export function parseLabels(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of text.split(',')) {
    const label = raw.replace(/\s+/g, ' ').trim().slice(0, 100);
    if (label) seen.add(label);
  }
  return [...seen].slice(0, 100);
}

/** One description line per entity: its name and the first sentence that names it. */
export function sentenceLines(entities: readonly ReportEntity[]): string {
  return entities.map((e) => `${e.name}: ${e.sentence}`).join('\n');
}

function reportName(input: PageReportInput): string {
  return input.name.trim() || input.source.title || input.source.url;
}

/** The bundle of a page report; `now` stamps it, `bundleId` and `reportId` are random unless given. */
export function pageReportBundle(
  input: PageReportInput,
  now: Date,
  ids: { bundle?: string; report?: string } = {},
  lookup: EntityLookup = getEntity,
): StixBundle {
  const graph = new StixGraph(now, lookup);
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

/**
 * The same report as an incident, for "Save as incident": the sentences are its quote, the note its notes,
 * the labels its tags, the published date when it happened. Undefined for a page that is not http(s) (an
 * incident needs a web address).
 */
export function pageReportDraft(input: PageReportInput): IncidentDraft | undefined {
  const { source } = input;
  if (!httpUrl(source.url)) return undefined;
  return {
    title: reportName(input).slice(0, 500),
    url: source.url,
    pageTitle: source.title,
    quote: { exact: sentenceLines(source.entities).slice(0, 10_000), prefix: '', suffix: '' },
    actorIds: source.entities
      .filter((e) => e.kind === 'actor')
      .map((e) => e.id)
      .slice(0, 200),
    agencyIds: source.entities
      .filter((e) => e.kind === 'agency')
      .map((e) => e.id)
      .slice(0, 200),
    tags: input.labels,
    notes: input.note.trim().slice(0, 20_000),
    occurredAt: input.published,
  };
}
