/**
 * What the capture form starts from, worked out from the selection and the page: the quote with its
 * context, the actors and agencies in the passage, those elsewhere on the page, the attribution sentence.
 * Takes the DOM objects and the finder as parameters, so tests run it in happy-dom.
 */
import { findCountryCues } from '../match/countries';
import type { Mention } from '../match/types';
import { type FoundAttribution, findAttribution } from './attribution';
import type { TextQuoteSelector } from './model';
import { CONTEXT_CHARS } from './quote';

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
  /** YYYY-MM-DD: today, editable. */
  date: string;
  /** Found in the selection: attached unless the reader unticks them. */
  found: EntityOption[];
  /** Found elsewhere on the page: one click attaches them. */
  suggestions: EntityOption[];
  attribution?: FoundAttribution;
  /** What the claimant is when the KB or the country list knows it: the form shows it as a chip. */
  claimantIs?: ClaimantIs;
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
}): CaptureInitial {
  const found = entitiesOf(args.find(args.quote.exact));
  for (const e of args.extra ?? []) if (!found.some((f) => f.id === e.id)) found.push(e);
  const suggestions = entitiesOf(args.find(args.pageText)).filter((e) => !found.some((f) => f.id === e.id));
  const attribution = findAttribution(args.quote.exact);
  const claimantIs = attribution && recogniseClaimant(attribution.claimant, args.find);
  const d = args.today;
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return {
    quote: args.quote,
    url: args.url,
    pageTitle: args.pageTitle,
    date,
    found,
    suggestions,
    ...(attribution ? { attribution } : {}),
    ...(claimantIs ? { claimantIs } : {}),
  };
}
