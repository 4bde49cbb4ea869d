/**
 * Finds who made an attribution in a passage, and how sure they said they were, so the capture form can
 * prefill *Attributed by* with the claimant — never the accused. "The Czech government has publicly blamed
 * APT31, a hacking group it links to China's Ministry of State Security" is the Czech government's claim;
 * China's ministry is what it accuses. The sentence patterns, in the order they are tried:
 *
 * - "according to X" (X is the source of the claim);
 * - the passive "Y was attributed / blamed / linked … by X";
 * - the active "X said / accused / blamed / attributed / assessed / concluded / linked … Y" (X is the
 *   subject right before the verb, after adverbs, auxiliaries and dates: "X on Monday publicly blamed");
 *   a verb after "is / was / been" is passive, and without "by" it names no claimant at all.
 *
 * Heuristic on purpose: the reader sees and edits the result before saving.
 */
import { sentencesOf } from '../sentences';
import type { Attribution } from './model';

/** Words that make a sentence an attribution. */
const CUE =
  /\b(attribut\w*|linked|links|tied to|connected to|behind|responsible|sponsored|on behalf of|working for|blam\w*|accus\w*|named|assess\w*)\b/i;

/** Words of certainty, most specific first. */
const CONFIDENCE = [
  /\b(?:with )?an? (?:very )?(?:high|moderate|medium|low) degree of (?:certainty|confidence)\b/i,
  /\b(?:with )?(?:very )?(?:high|moderate|medium|low) confidence\b/i,
  /\b(?:almost certainly|highly likely|very likely|probably|likely|suspected|confirmed)\b/i,
];

/** Verbs whose subject makes the claim. */
const CLAIM_VERB =
  /^(?:said|says|say|stated|states|announced|announces|accused|accuses|accuse|blamed|blames|blame|attributed|attributes|attribute|assessed|assesses|assess|concluded|concludes|named|names|linked|links|tied|ties|identified|identifies|confirmed|confirms|alleged|alleges|determined|judged|judges|charged|indicted|sanctioned|believes|believe)$/i;

/** Passive forms: "was attributed … by X". */
const PASSIVE_VERB =
  /^(?:attributed|blamed|linked|tied|connected|named|identified|accused|assessed|traced|charged|indicted|sanctioned)$/i;
const PASSIVE_AUX = /^(?:is|are|was|were|been|be|being)$/i;

/** Between a subject and its verb: auxiliaries, adverbs and dates ("has on Monday publicly blamed"). */
const FILLER =
  /^(?:has|have|had|also|now|then|today|yesterday|formally|publicly|officially|jointly|previously|again|on|in|last|earlier|later|this|week|month|year|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|september|october|november|december|\d{1,4},?|\w+ly)$/i;

/** Lower-case words a claimant's name may hold ("the foreign minister", "intelligence services"). */
const CLAIMANT_WORD =
  /^(?:government|governments|authorities|officials|official|ministry|minister|ministers|foreign|interior|defence|defense|agency|agencies|police|intelligence|services|service|security|cyber|national|centre|center|office|department|prosecutors|investigators|researchers|analysts|experts|spokesperson|spokesman|spokeswoman|president|prime|council|cybersecurity)$/i;
/** Words that may join a claimant's name ("Ministry of Foreign Affairs", "Cybersecurity and Infrastructure"). */
const JOINER = /^(?:of|for|and|the|de|du|des|der|&)$/i;
const PRONOUN = /^(?:it|its|they|he|she|we|i|you|this|that|these|those|which|who)$/i;

/** One attribution found in a text. */
export interface FoundAttribution extends Attribution {
  sentence: string;
}

/** A word with the punctuation around it split off, and whether a clause boundary follows it. */
interface Token {
  word: string;
  /** A comma, semicolon, colon, dash or bracket right after the word. */
  stop: boolean;
  /** A comma, quote or bracket right before the word. */
  opens: boolean;
}

function tokens(text: string): Token[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((raw) => {
      const word = raw.replace(/^[“"‘([]+/u, '').replace(/[,;:.!?”"’)\]—–-]+$/u, '');
      return { word, stop: /[,;:!?)\]—–]$/u.test(raw) || /[.]$/.test(raw), opens: /^[“"‘([]/u.test(raw) };
    })
    .filter((t) => t.word);
}

const isCapitalised = (w: string) => /^[\p{Lu}\p{N}]/u.test(w);
const nameWord = (w: string) => (isCapitalised(w) || CLAIMANT_WORD.test(w)) && !PRONOUN.test(w);

/** Trims joiners off both ends and a leading "the"; '' when no word of a name is left. */
function tidy(words: string[]): string {
  let a = 0;
  let b = words.length;
  while (a < b && JOINER.test(words[a]!)) a++;
  while (b > a && JOINER.test(words[b - 1]!)) b--;
  const out = words.slice(a, b);
  if (out.length === 0 || !out.some(nameWord) || PRONOUN.test(out[0]!)) return '';
  return out.join(' ');
}

/** The name that starts at token i and runs on ("according to the UK's National Cyber Security Centre"). */
function nameFrom(list: Token[], i: number): string {
  const words: string[] = [];
  for (let k = i; k < list.length; k++) {
    const t = list[k]!;
    if (words.length > 0 && t.opens) break;
    if (!nameWord(t.word) && !JOINER.test(t.word)) break;
    words.push(t.word);
    if (t.stop || words.length >= 9) break;
  }
  return tidy(words);
}

/** The name that ends at token i ("The Czech government" before "has publicly blamed"). */
function nameBefore(list: Token[], i: number): string {
  const words: string[] = [];
  for (let k = i; k >= 0; k--) {
    const t = list[k]!;
    if (words.length > 0 && t.stop) break;
    if (!nameWord(t.word) && !JOINER.test(t.word)) break;
    words.unshift(t.word);
    if (t.opens || words.length >= 9) break;
  }
  return tidy(words);
}

/** Who makes the claim in one sentence, by the patterns above; '' when the sentence names no claimant. */
export function claimantOf(sentence: string): string {
  const list = tokens(sentence);
  const lower = list.map((t) => t.word.toLowerCase());
  for (let i = 0; i + 1 < list.length; i++) {
    if (lower[i] === 'according' && lower[i + 1] === 'to') {
      const who = nameFrom(list, i + 2);
      if (who) return who;
    }
  }
  for (let i = 1; i < list.length; i++) {
    if (!PASSIVE_VERB.test(list[i]!.word)) continue;
    let k = i - 1;
    while (k > 0 && /ly$/i.test(list[k]!.word)) k--;
    if (!PASSIVE_AUX.test(list[k]!.word)) continue;
    const by = lower.indexOf('by', i + 1);
    if (by > 0) {
      const who = nameFrom(list, by + 1);
      if (who) return who;
    }
  }
  for (let i = 1; i < list.length; i++) {
    if (!CLAIM_VERB.test(list[i]!.word)) continue;
    let k = i - 1;
    while (k >= 0 && FILLER.test(list[k]!.word) && !list[k]!.stop) k--;
    if (k < 0 || PASSIVE_AUX.test(list[k]!.word)) continue;
    const who = nameBefore(list, k);
    if (who) return who;
  }
  return '';
}

/** The certainty words of a sentence ("a high degree of certainty"), or ''. */
function confidenceOf(sentence: string): string {
  for (const re of CONFIDENCE) {
    const m = re.exec(sentence);
    if (m) return m[0].replace(/^with /i, '');
  }
  return '';
}

/**
 * The attribution of a passage: the first attributing sentence that names its claimant (or, failing that,
 * the first attributing sentence), with the certainty words of that sentence or else of the passage.
 */
export function findAttribution(text: string): FoundAttribution | undefined {
  const sentences = sentencesOf(text);
  const cued = sentences.filter((s) => CUE.test(s));
  if (cued.length === 0) return undefined;
  let sentence = cued[0]!;
  let claimant = '';
  for (const s of cued) {
    const who = claimantOf(s);
    if (who) {
      sentence = s;
      claimant = who;
      break;
    }
  }
  let confidence = confidenceOf(sentence);
  for (const s of sentences) confidence ||= confidenceOf(s);
  return { sentence, claimant, confidence };
}
