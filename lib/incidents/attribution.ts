/**
 * Finds the attribution sentence in a passage ("… assessed with a high degree of certainty … APT31 …
 * linked to China's Ministry of State Security") so the capture form can prefill who said it and how sure
 * they are. Heuristic on purpose: the reader sees and edits the result before saving.
 */
import type { Attribution } from './model';

/** Words that make a sentence an attribution. */
const CUE =
  /\b(attribut\w*|linked|tied to|connected to|behind|responsible|sponsored|on behalf of|working for|blamed|named)\b/i;

/** Words of certainty, most specific first. */
const CONFIDENCE = [
  /\b(?:with )?an? (?:very )?(?:high|moderate|medium|low) degree of (?:certainty|confidence)\b/i,
  /\b(?:with )?(?:very )?(?:high|moderate|medium|low) confidence\b/i,
  /\b(?:almost certainly|highly likely|very likely|probably|likely|suspected|confirmed)\b/i,
];

/** Who speaks: "the Czech government", "The UK's National Cyber Security Centre said". */
const CLAIMANT = [
  /\b(?:[Tt]he )?((?:[A-Z][\p{L}'’.-]*\s+){1,4}(?:government|authorities|[Mm]inistry|agency|police))\b/u,
  /\b((?:[Tt]he )?(?:[A-Z][\p{L}'’.-]*\s+){0,5}[A-Z][\p{L}.-]*)\s+(?:said|says|stated|announced|assessed|concluded)\b/u,
];

/** One attribution found in a text. */
export interface FoundAttribution extends Attribution {
  sentence: string;
}

/** Splits prose into sentences; good enough for news copy. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=["“‘(]?\p{Lu})|\n+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The first sentence that attributes, with its claimant and confidence words ("" when not stated). */
export function findAttribution(text: string): FoundAttribution | undefined {
  for (const sentence of sentencesOf(text)) {
    if (!CUE.test(sentence)) continue;
    let confidence = '';
    for (const re of CONFIDENCE) {
      const m = re.exec(sentence);
      if (m) {
        confidence = m[0].replace(/^with /i, '');
        break;
      }
    }
    let claimant = '';
    for (const re of CLAIMANT) {
      const m = re.exec(sentence);
      if (m?.[1]) {
        claimant = m[1].trim();
        break;
      }
    }
    return { sentence, claimant, confidence };
  }
  return undefined;
}
