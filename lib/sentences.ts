/**
 * Sentences of news prose, good enough for quoting: the capture form finds the attribution sentence of a
 * passage with them.
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
 * Where the sentence holding `start..end` lies in `text` (offsets into `text`): from the break before it to
 * the break after it, never past a line break (a block's edge in the page's flat text). Lets the card save
 * the sentence a name stands in.
 */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const next = text.indexOf('\n', end);
  const lineEnd = next < 0 ? text.length : next;
  const line = text.slice(lineStart, lineEnd);
  let from = 0;
  let to = line.length;
  for (const m of line.matchAll(BREAK)) {
    const at = m.index;
    if (at + m[0].length <= start - lineStart) from = at + m[0].length;
    else if (at >= end - lineStart) {
      to = at;
      break;
    }
  }
  const raw = line.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  return { start: lineStart + from + lead, end: lineStart + from + raw.trimEnd().length };
}
