/**
 * What a page report is made of, read from the document: its address and title, and for each actor or
 * agency painted on it (so only what the reader sees) the first sentence that names it.
 */
import { type PageReportSource, REPORT_LIMITS, type ReportEntity, summarize } from '../protocol/page';
import { sentenceAt } from '../sentences';
import { collectText, isInline } from './collect';
import type { PaintedMention } from './paint';

/** The nearest ancestor of a node that is not an inline element: the sentence is looked for in its text. */
function blockOf(node: Node): Element | null {
  let el = node.parentElement;
  while (el && isInline(el) && el.parentElement) el = el.parentElement;
  return el;
}

/** The sentence around a painted mention, read from its block's text (the name itself when it cannot be). */
function sentenceOf(p: PaintedMention, texts: Map<Element, ReturnType<typeof collectText>>): string {
  const node = p.range.startContainer;
  const block = blockOf(node);
  if (!block) return p.mention.text;
  let page = texts.get(block);
  if (!page) {
    page = collectText(block);
    texts.set(block, page);
  }
  const seg = page.segments.find((s) => s.node === node);
  if (!seg) return p.mention.text;
  return sentenceAt(page.text, seg.start + p.range.startOffset) || p.mention.text;
}

/**
 * The report source of a document: `painted` are its painted mentions in document order (the first of each
 * entity gives its sentence). Kept within `REPORT_LIMITS`, which the popup checks.
 */
export function reportSource(doc: Document, painted: readonly PaintedMention[]): PageReportSource {
  const entities = summarize(painted.map((p) => p.mention)).slice(0, REPORT_LIMITS.entities);
  const firstOf = new Map<string, PaintedMention>();
  for (const p of painted) if (!firstOf.has(p.mention.id)) firstOf.set(p.mention.id, p);
  const texts = new Map<Element, ReturnType<typeof collectText>>();
  return {
    url: doc.URL,
    title: doc.title.replace(/\s+/g, ' ').trim().slice(0, REPORT_LIMITS.title),
    entities: entities.map((e): ReportEntity => ({ ...e, sentence: sentenceOf(firstOf.get(e.id)!, texts) })),
  };
}
