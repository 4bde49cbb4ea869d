import { siteOf } from '../fields/formats';
import type { Incident, IncidentDraft } from './schema';

export { siteOf } from '../fields/formats';

export type { Incident, IncidentDraft } from './schema';

/** A W3C Web Annotation TextQuoteSelector: finds the saved passage again on the page. */
export type TextQuoteSelector = Incident['quote'];

/** Who attributed the incident, and in which words of certainty ("high degree of certainty"). */
export type Attribution = NonNullable<Incident['attribution']>;

/** One claim of a passage: claimants, the accused, the kind, their words of certainty, the date. */
export type Claim = NonNullable<Incident['claims']>[number];

/** One claimant of a claim, with the agency or country it was recognised as. */
export type Claimant = Claim['claimants'][number];

/** "A", "A and B", "A, B and C": several claimants as one line. */
export function joinNames(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Who attributed an incident, for a list row: the reader's *Attributed by* words, else the claimants of the
 * incident's claim; '' when neither says.
 */
export function claimantOf(incident: Pick<Incident, 'attribution' | 'claims'>): string {
  const own = incident.attribution?.claimant.trim();
  if (own) return own;
  const claim = incident.claims?.find((c) => c.kind === 'incident') ?? incident.claims?.[0];
  return claim ? joinNames(claim.claimants.map((c) => c.name)) : '';
}

/**
 * The claims after the reader rewrote *Attributed by* or the confidence words: the incident's claim takes
 * their words (their claimant, without the ids the first reading recognised), is dropped when they cleared
 * the claimant, and is made when there was none (accusing `accused`, the first linked actor). Unchanged
 * words leave the claims as they were.
 */
export function claimsAfterEdit(
  claims: readonly Claim[] | undefined,
  before: Attribution | undefined,
  after: Attribution,
  accused?: { id: string; name: string },
): Claim[] | undefined {
  const who = after.claimant.trim();
  const sameWho = who === (before?.claimant ?? '').trim();
  if (sameWho && after.confidence.trim() === (before?.confidence ?? '').trim())
    return claims ? [...claims] : undefined;
  const list = [...(claims ?? [])];
  const at = list.findIndex((c) => c.kind === 'incident');
  if (!who) return at < 0 ? list : list.filter((_, n) => n !== at);
  if (at >= 0) {
    list[at] = {
      ...list[at]!,
      ...(sameWho ? {} : { claimants: [{ name: who }] }),
      confidence: after.confidence.trim(),
    };
    return list;
  }
  return [
    {
      kind: 'incident',
      claimants: [{ name: who }],
      ...(accused ? { accusedId: accused.id } : {}),
      accusedName: accused?.name ?? '',
      confidence: after.confidence.trim(),
      sentence: '',
    },
    ...list,
  ];
}

/** Tags as the store keeps them: trimmed, lower case, no blanks, no duplicates, in order of first use. */
export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tags) {
    const tag = t.trim().replace(/\s+/g, ' ').toLowerCase();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

/** Turns a draft into a stored incident; `now` and `id` are parameters so tests are deterministic. */
export function createIncident(draft: IncidentDraft, now: string, id: string): Incident {
  return {
    ...draft,
    id,
    createdAt: now,
    updatedAt: now,
    site: siteOf(draft.url),
    tags: normalizeTags(draft.tags),
  };
}
