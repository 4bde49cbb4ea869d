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
