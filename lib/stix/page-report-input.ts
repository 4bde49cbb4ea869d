/**
 * The page report's form, without the knowledge base (so the popup can use it before the KB loads): what
 * the reader chose, labels as typed, the description's lines, the file name, and the report as an incident.
 */

import { isWebUrl, siteOf } from '../fields/formats';
import type { IncidentDraft } from '../incidents/model';
import type { PageReportSource, ReportEntity } from '../protocol/page';

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

/** The report's name: the reader's, else the page title, else its address. */
export function reportName(input: PageReportInput): string {
  return input.name.trim() || input.source.title || input.source.url;
}

/**
 * The same report as an incident, for "Save as incident": the sentences are its quote, the note its notes,
 * the labels its tags, the published date when it happened. Undefined for a page that is not http(s) (an
 * incident needs a web address).
 */
export function pageReportDraft(input: PageReportInput): IncidentDraft | undefined {
  const { source } = input;
  if (!isWebUrl(source.url)) return undefined;
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

/** The downloaded file's name: the page's host and the day, `apt-lens-report-news.example-2025-05-28.stix.json`. */
export function reportFileName(source: PageReportSource, now: Date): string {
  const host = isWebUrl(source.url) ? siteOf(source.url).replace(/[^a-z0-9.-]/gi, '') : '';
  return `apt-lens-report-${host || 'page'}-${now.toISOString().slice(0, 10)}.stix.json`;
}
