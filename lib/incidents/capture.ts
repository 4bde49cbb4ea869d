/**
 * What the capture form starts from, worked out from the selection and the page: the quote with its
 * context, the actors and agencies in the passage, those elsewhere on the page, the claims the passage
 * makes (the incident's accuser first), the article's date. Takes the DOM objects and the finder as
 * parameters, so tests run it in happy-dom.
 */
import { findCountryCues } from '../match/countries';
import type { Mention } from '../match/types';
import { sentenceAround } from '../sentences';
import { type FoundClaim, findClaims } from './claims';
import { joinNames, type TextQuoteSelector } from './model';
import { CONTEXT_CHARS } from './quote';

/**
 * A page's visible text and the text nodes it came from, as `lib/page/collect.ts` reads it. Named here by
 * shape, so the incidents layer stays below the page layer that produces it (docs/architecture.md).
 */
export interface PageText {
  text: string;
  segments: readonly { node: Node; start: number }[];
}

/** The incident's attribution as the form prefills it: the claim's sentence, claimant and words. */
export interface FoundAttribution {
  sentence: string;
  claimant: string;
  confidence: string;
}

/** An actor or agency the form can attach to the incident. */
export interface EntityOption {
  id: string;
  name: string;
  kind: 'actor' | 'agency';
}

/** What the capture form starts from. */
export interface CaptureInitial {
  quote: TextQuoteSelector;
  url: string;
  pageTitle: string;
  /** YYYY-MM-DD: the article's published day when the page gives it, else today; editable. */
  date: string;
  /** The article's published day (YYYY-MM-DD), when the page gives it. */
  published?: string;
  /** Found in the selection: attached unless the reader unticks them. */
  found: EntityOption[];
  /** Found elsewhere on the page: one click attaches them. */
  suggestions: EntityOption[];
  /** The incident claim's claimant (names joined), words and sentence, prefilled in *Attributed by*. */
  attribution?: FoundAttribution;
  /** What the first claimant is when the KB or the country list knows it: the form shows it as a chip. */
  claimantIs?: ClaimantIs;
  /** What each claimant of the incident claim is, where known (one chip each). */
  claimantsAre?: ClaimantIs[];
  /** The claims the passage makes, the incident's own first (absent or empty when it makes none). */
  claims?: FoundClaim[];
}

/** A claimant recognised as an agency of the KB or as a country's government. */
export type ClaimantIs =
  | { kind: 'agency'; id: string; name: string; country?: string }
  | { kind: 'country'; country: string };

/** Reads a claimant's words as an agency ("NÚKIB") or a country ("the Czech government"), if either fits. */
export function recogniseClaimant(
  claimant: string,
  find: (text: string) => Mention[],
): ClaimantIs | undefined {
  if (!claimant) return undefined;
  const agency = find(claimant).find((m) => m.kind === 'agency');
  if (agency)
    return {
      kind: 'agency',
      id: agency.id,
      name: agency.name,
      ...(agency.country ? { country: agency.country } : {}),
    };
  const cue = findCountryCues(claimant)[0];
  return cue ? { kind: 'country', country: cue.country } : undefined;
}

/** The selected passage and CONTEXT_CHARS of text on each side of it, within `root`. */
export function selectionQuote(selection: Selection | null, root: Node): TextQuoteSelector {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed)
    return { exact: '', prefix: '', suffix: '' };
  const range = selection.getRangeAt(0);
  const doc = root.ownerDocument ?? (root as Document);
  const before = doc.createRange();
  before.setStart(root, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const after = doc.createRange();
  after.setStart(range.endContainer, range.endOffset);
  after.setEnd(root, root.childNodes.length);
  return {
    exact: range.toString(),
    prefix: before.toString().slice(-CONTEXT_CHARS),
    suffix: after.toString().slice(0, CONTEXT_CHARS),
  };
}

/** Where a DOM point (a text node and offset in it) is in the page's flat text, if it is in it. */
export function offsetIn(page: PageText, node: Node, offset: number): number | undefined {
  let target: Node | null = node;
  let at = offset;
  if (node.nodeType !== 3) {
    // A point between children: the first text at or after it.
    const doc = node.ownerDocument ?? (node as Document);
    const walker = doc.createTreeWalker(node, 4);
    const child = node.childNodes[offset];
    target = null;
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!child || child === t || child.contains(t) || (child.compareDocumentPosition(t) & 4) !== 0) {
        target = t;
        break;
      }
    }
    at = 0;
  }
  const seg = target && page.segments.find((s) => s.node === target);
  return seg ? seg.start + at : undefined;
}

/** The page's text before `offset`, blocks as paragraphs: what the claims read a short selection with. */
export function contextBefore(page: PageText, offset: number, chars = 800): string {
  return page.text.slice(Math.max(0, offset - chars), offset).replace(/\n/g, '\n\n');
}

/**
 * The sentence of the page's text that holds `start..end` (a name the card was opened on), as a quote the
 * form saves and the page finds again; and the text before it, for the claims.
 */
export function sentenceQuote(
  page: PageText,
  start: number,
  end: number,
): { quote: TextQuoteSelector; context: string } {
  const s = sentenceAround(page.text, start, end);
  return {
    quote: {
      exact: page.text.slice(s.start, s.end),
      prefix: page.text.slice(Math.max(0, s.start - CONTEXT_CHARS), s.start),
      suffix: page.text.slice(s.end, s.end + CONTEXT_CHARS),
    },
    context: contextBefore(page, s.start),
  };
}

/** Distinct entities of some mentions, in order of first appearance. */
export function entitiesOf(mentions: readonly Mention[]): EntityOption[] {
  const seen = new Map<string, EntityOption>();
  for (const m of mentions) if (!seen.has(m.id)) seen.set(m.id, { id: m.id, name: m.name, kind: m.kind });
  return [...seen.values()];
}

/** Everything the form is prefilled with. `extra` are entities the reader picked (the card's Save). */
export function captureInitial(args: {
  quote: TextQuoteSelector;
  url: string;
  pageTitle: string;
  pageText: string;
  today: Date;
  find: (text: string) => Mention[];
  extra?: readonly EntityOption[];
  /** The article's published day (YYYY-MM-DD): the incident's date unless the reader changes it. */
  published?: string;
  /** The page's text before the passage (more than the quote's prefix), for a selection that starts mid-way. */
  context?: string;
}): CaptureInitial {
  const found = entitiesOf(args.find(args.quote.exact));
  for (const e of args.extra ?? []) if (!found.some((f) => f.id === e.id)) found.push(e);
  const suggestions = entitiesOf(args.find(args.pageText)).filter((e) => !found.some((f) => f.id === e.id));
  const claims = findClaims(args.quote.exact, args.find, args.context ?? args.quote.prefix).map((c, n) =>
    // The incident's claim is the article's news: dated by it when the page says when.
    n === 0 && c.kind === 'incident' && args.published && !c.date ? { ...c, date: args.published } : c,
  );
  const lead = claims[0];
  const attribution: FoundAttribution | undefined = lead && {
    sentence: lead.sentence,
    claimant: joinNames(lead.claimants.map((c) => c.name)),
    confidence: lead.confidence,
  };
  const claimantsAre = (lead?.claimants ?? []).flatMap((c) => {
    const is = recogniseClaimant(c.name, args.find);
    return is ? [is] : [];
  });
  const d = args.today;
  const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return {
    quote: args.quote,
    url: args.url,
    pageTitle: args.pageTitle,
    date: args.published ?? today,
    ...(args.published ? { published: args.published } : {}),
    found,
    suggestions,
    ...(attribution ? { attribution } : {}),
    ...(claimantsAre[0] ? { claimantIs: claimantsAre[0], claimantsAre } : {}),
    claims,
  };
}
