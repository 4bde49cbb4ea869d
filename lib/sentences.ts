/**
 * Sentences of news prose, good enough for quoting: the capture form finds the attribution sentence of a
 * passage with them, and the page report quotes the first sentence that names each actor or agency.
 */

/** Where one sentence ends and the next begins: end punctuation (and a closing quote), space, a capital. */
const BREAK = /(?<=[.!?][”"’]?)\s+(?=["“‘(]?\p{Lu})/gu;

/** Splits prose into sentences. Paragraphs are split at blank lines; line breaks inside one are spaces. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .flatMap((para) => para.replace(/\s+/g, ' ').split(BREAK))
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The sentence of `text` around `offset`, spaces collapsed. `text` is a page's collected text, where "\n"
 * is a block break, so a sentence never runs across blocks (a heading into its paragraph). A sentence longer
 * than `max` characters (a block with no end punctuation) is cut to a window around the offset, marked "…".
 */
export function sentenceAt(text: string, offset: number, max = 400): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const line = text.slice(lineStart, nl < 0 ? text.length : nl);
  const at = offset - lineStart;
  let start = 0;
  let end = line.length;
  for (const m of line.matchAll(BREAK)) {
    const after = m.index + m[0].length;
    if (after <= at) start = after;
    else if (m.index >= at) {
      end = m.index;
      break;
    }
  }
  let from = start;
  let to = end;
  if (to - from > max) {
    // Keep the name in view: a little before it, the rest after.
    from = Math.max(start, Math.min(at - Math.floor(max / 4), end - max));
    to = Math.min(end, from + max);
  }
  const s = line.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > start ? '…' : ''}${s}${to < end ? '…' : ''}`;
}
