import type { Mention } from '../match/types';
import { pushTo } from '../multimap';
import type { HighlightStyle } from '../settings';
import { locate, type PageText } from './collect';

/** Highlight names registered in `CSS.highlights`; every one starts with `apt-lens`. */
export const HIGHLIGHT = {
  actor: 'apt-lens-actor',
  agency: 'apt-lens-agency',
  ambiguous: 'apt-lens-ambiguous',
  /** Names the matcher is unsure of, painted only when the reader asks to see them. */
  uncertain: 'apt-lens-uncertain',
} as const;

/** How painted names look (the reader's setting). */
export type { HighlightStyle } from '../settings';

/** A mention painted on the page: the live DOM range and what it is. */
export interface PaintedMention {
  mention: Mention;
  range: Range;
}

/** The browser pieces painting needs; passed in so tests can supply fakes. */
export interface HighlightHost {
  highlights: { set(name: string, h: unknown): unknown; delete(name: string): unknown };
  Highlight: new () => { add(range: AbstractRange): unknown };
}

/**
 * A Highlight holding `ranges`, added one by one: `new Highlight(...ranges)` passes every range as a call
 * argument, which overflows the stack on a page with enough names.
 */
export function highlightOf<H extends { add(range: AbstractRange): unknown }>(
  host: { Highlight: new () => H },
  ranges: Iterable<AbstractRange>,
): H {
  const h = new host.Highlight();
  for (const r of ranges) h.add(r);
  return h;
}

/**
 * Below this confidence a name with several candidates counts as undecided: it gets the ambiguous colour.
 * (The matcher lists candidates even when the page's context picked one.)
 */
export const DECIDED_CONFIDENCE = 0.6;

/**
 * Below this confidence a mention is uncertain: hidden unless the reader turns on "Show uncertain names",
 * then painted in its own style. `npm run eval` shows how often each confidence is right (docs/matching.md).
 */
export const UNCERTAIN_BELOW = 0.5;

/** Whether a mention is sure enough to paint by default. */
export function isCertain(m: Mention): boolean {
  return m.confidence >= UNCERTAIN_BELOW;
}

/** Which highlight a mention is painted with. */
export function highlightNameOf(m: Mention, style: HighlightStyle): string {
  const undecided = (m.candidates?.length ?? 0) > 1 && m.confidence < DECIDED_CONFIDENCE;
  const base = !isCertain(m) ? HIGHLIGHT.uncertain : undecided ? HIGHLIGHT.ambiguous : HIGHLIGHT[m.kind];
  return style === 'underline' ? `${base}-underline` : base;
}

/** A live DOM range over `[start, end)` of a collected text, if both ends are in it. */
export function rangeAt(page: PageText, start: number, end: number, doc: Document): Range | undefined {
  const a = locate(page, start);
  const b = locate(page, end, true);
  if (!a || !b) return undefined;
  const range = doc.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}

/** Turns mentions of a collected text into live DOM ranges. */
export function rangesFor(page: PageText, mentions: readonly Mention[], doc: Document): PaintedMention[] {
  const out: PaintedMention[] = [];
  for (const mention of mentions) {
    const range = rangeAt(page, mention.start, mention.end, doc);
    if (range) out.push({ mention, range });
  }
  return out;
}

/** Registers one Highlight per kind with all painted ranges, replacing what was registered before. */
export function paint(host: HighlightHost, painted: readonly PaintedMention[], style: HighlightStyle): void {
  const groups = new Map<string, Range[]>();
  for (const p of painted) {
    if (p.range.collapsed) continue;
    const name = highlightNameOf(p.mention, style);
    pushTo(groups, name, p.range);
  }
  for (const kind of ['actor', 'agency', 'ambiguous', 'uncertain'] as const) {
    for (const name of [HIGHLIGHT[kind], `${HIGHLIGHT[kind]}-underline`]) {
      const ranges = groups.get(name);
      if (ranges) host.highlights.set(name, highlightOf(host, ranges));
      else host.highlights.delete(name);
    }
  }
}

/** Removes every APT Lens highlight (pause, or the content script going away). */
export function unpaint(host: HighlightHost): void {
  for (const kind of ['actor', 'agency', 'ambiguous', 'uncertain'] as const) {
    host.highlights.delete(HIGHLIGHT[kind]);
    host.highlights.delete(`${HIGHLIGHT[kind]}-underline`);
  }
}
