/**
 * Text quote anchoring: build a W3C TextQuoteSelector from a selection in a page's text and find it again
 * later, even when the page's whitespace differs between the reading that saved it and the one that looks
 * for it (Range.toString() and the collector do not break lines the same way).
 */
import type { TextQuoteSelector } from './model';

/** How many characters of context the selector keeps on each side. */
export const CONTEXT_CHARS = 32;

/** A selector for `text.slice(start, end)`, with up to CONTEXT_CHARS of context on each side. */
export function selectorFor(
  text: string,
  start: number,
  end: number,
  context = CONTEXT_CHARS,
): TextQuoteSelector {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - context), start),
    suffix: text.slice(end, end + context),
  };
}

interface Folded {
  text: string;
  /** Original index of each folded character. */
  map: number[];
}

/** Collapses runs of whitespace to one space, keeping where each character came from. */
function fold(s: string): Folded {
  let text = '';
  const map: number[] = [];
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      if (!space) {
        text += ' ';
        map.push(i);
      }
      space = true;
    } else {
      text += c;
      map.push(i);
      space = false;
    }
  }
  return { text, map };
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

/** Length of the common suffix of a and b. */
function commonTail(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** Length of the common prefix of a and b. */
function commonHead(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Where the quote is in `text`: the occurrence of `exact` whose surroundings agree best with the saved
 * prefix and suffix (whitespace-insensitive). Returns offsets into `text`, or undefined when it is gone.
 */
export function findQuote(
  text: string,
  selector: TextQuoteSelector,
): { start: number; end: number } | undefined {
  const exact = squash(selector.exact).trim();
  if (!exact) return undefined;
  const page = fold(text);
  const prefix = squash(selector.prefix).trimStart();
  const suffix = squash(selector.suffix).trimEnd();
  let best: { at: number; score: number } | undefined;
  for (let at = page.text.indexOf(exact); at !== -1; at = page.text.indexOf(exact, at + 1)) {
    const before = page.text.slice(Math.max(0, at - prefix.length - 1), at).trimEnd();
    const after = page.text.slice(at + exact.length, at + exact.length + suffix.length + 1).trimStart();
    const score = commonTail(before, prefix.trimEnd()) + commonHead(after, suffix.trimStart());
    if (!best || score > best.score) best = { at, score };
  }
  if (!best) return undefined;
  const start = page.map[best.at]!;
  const end = page.map[best.at + exact.length - 1]! + 1;
  return { start, end };
}
