/**
 * What a page report is made of, read from the document: its address (cleaned: `pageAddress`) and title, and for each actor or
 * agency painted on it (so only what the reader sees) the first sentence that names it, found the same way
 * as for the Sightings view (`firstSentence`).
 */
import { type PageReportSource, REPORT_LIMITS, summarize } from '../protocol/page';
import { declaredCanonical } from '../url/canonical';
import { pageAddress } from '../url/clean';
import type { PaintedMention } from './paint';
import { firstSentence } from './sighting-report';

/**
 * The report source of a document: `painted` are its painted mentions in document order (the first of each
 * entity gives its sentence). Kept within `REPORT_LIMITS`, which the popup checks.
 */
export function reportSource(doc: Document, painted: readonly PaintedMention[]): PageReportSource {
  const entities = summarize(painted.map((p) => p.mention)).slice(0, REPORT_LIMITS.entities);
  const firstOf = new Map<string, PaintedMention>();
  for (const p of painted) if (!firstOf.has(p.mention.id)) firstOf.set(p.mention.id, p);
  return {
    // The report is meant to be shared: the page's canonical address if it is of the same site, else its
    // own, without credentials, query string or fragment (a non-web page keeps its URL; no report is made).
    url: pageAddress(doc.URL, { canonical: declaredCanonical(doc) }) ?? doc.URL,
    title: doc.title.replace(/\s+/g, ' ').trim().slice(0, REPORT_LIMITS.title),
    entities: entities.map((e) => {
      const first = firstOf.get(e.id)!;
      return { ...e, sentence: firstSentence(first.range) || first.mention.text };
    }),
  };
}
