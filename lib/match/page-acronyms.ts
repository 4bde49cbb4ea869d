/**
 * Acronyms a page defines for a name it found: "known as The Silent Ledger (TSL)" makes TSL that actor on
 * this page only. The definition must spell the acronym with the name's initials, so "(CVE)" or "(2024)"
 * after a name defines nothing; and nothing is learnt beyond the page.
 */
import type { Mention } from './types';

const DEFINED_AFTER = /^[ \u00a0]*\(([\p{Lu}][\p{Lu}\d&]{1,7})\)/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether an acronym spells the initials of a name's words ("The Silent Ledger" → TSL or SL). */
function spellsInitials(acronym: string, name: string): boolean {
  const words = name.split(/[\s\u00a0-]+/).filter((w) => /^[\p{L}\p{N}]/u.test(w));
  const initials = words.map((w) => w[0]!.toUpperCase()).join('');
  const letters = acronym.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
  if (letters.length < 2) return false;
  return initials === letters || (/^the$/i.test(words[0] ?? '') && initials.slice(1) === letters);
}

/**
 * The page's own acronyms for the mentions found in it: each later (or earlier) use of an acronym defined
 * right after a found name becomes a mention of the same entity. Returns every mention, in text order.
 */
export function withPageAcronyms(text: string, mentions: Mention[]): Mention[] {
  if (mentions.length === 0 || !text.includes('(')) return mentions;
  const defined = new Map<string, Mention>();
  for (const m of mentions) {
    const d = DEFINED_AFTER.exec(text.slice(m.end, m.end + 14));
    if (d && spellsInitials(d[1]!, m.text) && !defined.has(d[1]!)) defined.set(d[1]!, m);
  }
  if (defined.size === 0) return mentions;
  const added: Mention[] = [];
  for (const [acronym, source] of defined) {
    for (let at = text.indexOf(acronym); at >= 0; at = text.indexOf(acronym, at + 1)) {
      const end = at + acronym.length;
      if (WORD_CHAR.test(text[at - 1] ?? '') || WORD_CHAR.test(text[end] ?? '')) continue;
      if (mentions.some((m) => m.start < end && at < m.end)) continue;
      added.push({ ...source, start: at, end, text: acronym, confidence: Math.min(source.confidence, 0.9) });
    }
  }
  if (added.length === 0) return mentions;
  return [...mentions, ...added].sort((a, b) => a.start - b.start);
}
