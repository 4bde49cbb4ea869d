/**
 * What the words around a candidate say: cyber context, agency context against other fields' context,
 * sentence starts and headline case (where a capital letter proves nothing), head nouns such as "group".
 * These are the evidence the precision rules weigh; none of them names a particular actor.
 */
import type { WordIndex } from './word-index';

/** Characters each side of a candidate that count as "nearby". */
export const WINDOW = 280;

/** Words that put a text in the security field. */
export const CYBER =
  /\b(?:hack\w*|cyber\w*|espionage|malware|malicious|threat (?:actors?|groups?|intelligence)|APTs?|intrusions?|attribut\w*|ransomware|phishing|spear-?phishing|breach\w*|exploit\w*|backdoors?|spyware|state-(?:sponsored|backed)|infosec|CVE-\d+|zero-days?|implants?|botnets?|command-and-control|compromis\w*|wipers?|DDoS|trojan\w*|credentials?|vulnerabilit\w*|threat researchers?|security researchers?|incident response|infiltrat\w*|exfiltrat\w*|payloads?)\b/i;

/** Words that say an acronym is a government body. */
export const AGENCY =
  /\b(?:intelligence|agenc(?:y|ies)|spy|spies|spying|espionage|security services?|officers?|operatives?|hack\w*|cyber\w*|attribut\w*|advisory|advisories|sanction\w*|indict\w*|Kremlin|Beijing|Moscow|Pyongyang|Tehran|authorities|director|counter-?intelligence|investigat\w*|agents?|arrest\w*|charged|military|defen[cs]e|surveillance|warned|malware|threat actors?|national security)\b/i;

/** Words of the fields where the same acronyms mean other things (finance, law, policy). */
export const OTHER_FIELD =
  /\b(?:bank\w*|financial|finance|capital|liquidity|insurers?|markets?|monetary|regulat\w*|directive|legislation|statute|bill|act|law|laws|compliance|lawmakers|Congress|senate|adviser|advisor|accounting|stability)\b/gi;

/** Nouns that follow a name and belong to it as a description, not as part of it ("the APT31 group"). */
const HEAD_AFTER =
  /^(?:['’]s\s+)?(?:[\s-]+)(?:group|gang|team|crew|APT|actors?|hackers?|hacking|operators?|threat|cluster|campaigns?|intrusion set|linked|affiliated|backed|related|malware|collective)\b/i;

/** Nouns after an acronym that make it a law, a report or a title rather than a body. */
const NON_AGENCY_HEAD =
  /^(?:['’]s)?\s+(?:directive|act|law|bill|regulation|rules|compliance|legislation|framework|standard|chair\w*|report|ratio|index|adviser|advisor|2\.0)\b/i;

/** How many security-field words appear near a candidate (counting stops at `enough`). */
export function cyberContext(cyber: WordIndex, start: number, end: number, enough = 2): number {
  return Math.min(enough, cyber.count(start - WINDOW, end + WINDOW));
}

/**
 * Whether the words near an acronym make it the agency: agency words must be present and at least as
 * many as the words of finance, law and policy.
 */
export function agencyContextWins(
  agency: WordIndex,
  other: WordIndex,
  start: number,
  end: number,
  nearbyEntities: number,
): boolean {
  const agencyWords = nearbyEntities + agency.count(start - WINDOW, end + WINDOW);
  return agencyWords > 0 && agencyWords >= other.count(start - WINDOW, end + WINDOW);
}

/** Whether a noun that describes a threat group follows ("Nickel hackers", "Lazarus-linked"). */
export function headNounAfter(text: string, end: number): boolean {
  return HEAD_AFTER.test(text.slice(end, end + 40));
}

/** Whether a noun that makes an acronym a law or a title follows ("NIS directive", "NSA adviser"). */
export function nonAgencyHeadAfter(text: string, end: number): boolean {
  return NON_AGENCY_HEAD.test(text.slice(end, end + 30));
}

/** Whether a candidate opens a sentence, a line or a quotation, where capitals are grammar, not names. */
export function isSentenceInitial(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && /[\s"'“‘(«—–-]/.test(text[i]!) && text[i] !== '\n') i--;
  return i < 0 || /[.!?:\n]/.test(text[i]!);
}

/** Whether the line holding a candidate is in headline case (most words capitalized). */
export function isTitleCaseLine(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf('\n', start) + 1;
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd < 0) lineEnd = text.length;
  const words = text.slice(lineStart, lineEnd).match(/\p{L}{4,}/gu) ?? [];
  if (words.length < 3 || words.length > 25) return false;
  const capital = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capital / words.length >= 0.75;
}

/**
 * Whether an ordinary-word candidate is only the start of a longer proper name that is not a threat group
 * ("Cobalt Strike", "Lazarus Foundation", "Patchwork Capital").
 */
export function continuesProperName(text: string, end: number): boolean {
  const after = /^[ \u00a0](\p{Lu}\p{L}*)/u.exec(text.slice(end, end + 40));
  return after !== null && !HEAD_AFTER.test(` ${after[1]}`);
}

/**
 * Acronyms the text defines as something else: "Financial Stability Board (FSB)" teaches that FSB is not
 * the Russian service in this text. Returns each acronym with its expansion.
 */
export function acronymDefinitions(text: string): Map<string, string> {
  const defs = new Map<string, string>();
  const paren = /\(([\p{Lu}]{2,6})\)/gu;
  for (let m = paren.exec(text); m; m = paren.exec(text)) {
    const acronym = m[1]!;
    const before = text.slice(Math.max(0, m.index - 120), m.index);
    const words = before.match(/[\p{L}-]+/gu) ?? [];
    const significant: string[] = [];
    for (let i = words.length - 1; i >= 0 && significant.length < acronym.length + 3; i--) {
      significant.unshift(words[i]!);
      const initials = significant
        .filter((w) => /^\p{Lu}/u.test(w))
        .map((w) => w[0])
        .join('');
      if (initials.toUpperCase() === acronym) {
        defs.set(acronym, significant.join(' '));
        break;
      }
    }
  }
  return defs;
}
