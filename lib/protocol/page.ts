/**
 * Messages to a page's content script (from the background's keyboard commands and context menu, and from
 * the popup), with their answers' types and shape checks. The content script answers only these, and only
 * from its own extension (`isExtensionSender`).
 */
import * as v from 'valibot';
import { EntityIdSchema } from '../fields/schemas';
import { type AnswerOf, answer, entry, variantOf } from './table';

/** One entity the page mentions, for the popup's page summary. */
export interface PageEntity {
  id: string;
  kind: 'actor' | 'agency';
  name: string;
  count: number;
}

/** What the popup learns about the tab. */
export interface PageSummary {
  status: 'active' | 'paused';
  /** The page's host name (`location.hostname`): the popup cannot see tab URLs, and pauses by site. */
  site?: string;
  entities: PageEntity[];
}

/** One entity of a page report: as in the summary, plus the first sentence on the page that names it. */
export interface ReportEntity extends PageEntity {
  sentence: string;
}

/** What the popup needs to make a STIX report of the page: its address, title and what it names. */
export interface PageReportSource {
  url: string;
  title: string;
  /** Only what the reader sees painted (the confidence threshold, "not this actor on this site"). */
  entities: ReportEntity[];
}

/** Limits of a report source; the content script keeps within them, the popup refuses anything beyond. */
export const REPORT_LIMITS = { url: 4096, title: 1000, sentence: 500, entities: 400 } as const;

/**
 * Requests a content script understands, each with its answer's type (false: nothing to go to, or no form
 * here). The request types are inferred from the schemas.
 */
export const PAGE_MESSAGES = [
  entry('page:navigate', { direction: v.picklist([1, -1]) }, answer<boolean>()),
  entry('page:summary', {}, answer<PageSummary>()),
  entry('page:reveal', { id: EntityIdSchema }, answer<boolean>()),
  /** The page's address, title and entities with their first sentences, for the popup's STIX report. */
  entry('page:report', {}, answer<PageReportSource>()),
  /** Open the "Save as incident" form on the selection (context menu, Alt+Shift+S). */
  entry('capture:open', {}, answer<boolean>()),
] as const;

const PageRequestSchema = variantOf(PAGE_MESSAGES);

/** Requests a content script understands. */
export type PageRequest = v.InferOutput<typeof PageRequestSchema>;

/** The content script's answer to each request type. */
export type PageResponseOf = {
  [M in (typeof PAGE_MESSAGES)[number] as M['type']]: AnswerOf<M['answers']>;
};

/** Validates an untrusted message sent to a content script. */
export function parsePageRequest(msg: unknown): PageRequest | undefined {
  const r = v.safeParse(PageRequestSchema, msg);
  return r.success ? r.output : undefined;
}

const PageReportSourceSchema = v.object({
  url: v.pipe(v.string(), v.maxLength(REPORT_LIMITS.url)),
  title: v.pipe(v.string(), v.maxLength(REPORT_LIMITS.title)),
  entities: v.pipe(
    v.array(
      v.object({
        id: EntityIdSchema,
        kind: v.picklist(['actor', 'agency']),
        name: v.pipe(v.string(), v.maxLength(REPORT_LIMITS.title)),
        count: v.pipe(v.number(), v.integer(), v.minValue(1)),
        sentence: v.pipe(v.string(), v.maxLength(REPORT_LIMITS.sentence)),
      }),
    ),
    v.maxLength(REPORT_LIMITS.entities),
  ),
});

/**
 * Checks a content script's answer to `page:report` before the popup builds a report from it: the script
 * runs in a renderer the page may have compromised, so its answer is untrusted input like any other.
 */
export function parsePageReportSource(raw: unknown): PageReportSource | undefined {
  const r = v.safeParse(PageReportSourceSchema, raw);
  return r.success ? r.output : undefined;
}

/** Groups painted mentions into the page summary: by entity, with counts, in order of first appearance. */
export function summarize(
  mentions: readonly { id: string; kind: 'actor' | 'agency'; name: string }[],
): PageEntity[] {
  const byId = new Map<string, PageEntity>();
  for (const m of mentions) {
    const e = byId.get(m.id);
    if (e) e.count++;
    else byId.set(m.id, { id: m.id, kind: m.kind, name: m.name, count: 1 });
  }
  return [...byId.values()];
}
