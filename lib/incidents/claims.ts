/**
 * Reads the claims a passage reports — who accused whom, of what, in which words — from the structure of
 * its sentences, so the capture form proposes the incident's accuser and lists the other claims it saw.
 * "All three of Prague's intelligence agencies … assessed with 'a high degree of certainty' that the
 * activity was perpetrated by APT31, which has been linked by Western governments to China's Ministry of
 * State Security" holds two claims: Prague's agencies accuse APT31 of the incident, and Western governments
 * (earlier, separately) tie APT31 to the MSS. A claim is found where a claimant meets a reporting verb:
 *
 * - "according to X, …" and "…, according to X" (X is the source of the claim);
 * - the passive "Y was attributed / blamed / linked / sanctioned … by X" and the reduced "Y linked by X to Z";
 * - the active "X said / assessed / blamed / attributed … / accused / sanctioned …", with X the noun phrase
 *   before the verb (after adverbs and dates: "X on Monday publicly blamed"), also trailing ("…, X said");
 *   a pronoun subject ("a group it links to …") is the claimant named before it.
 *
 * Each claim owns the words up to its clause's end, minus the clauses of claims nested in it, and takes its
 * accused, sponsor and certainty words from those; a relative clause ("which has been linked …") accuses the
 * group named before it. "By" after "perpetrated / carried out / conducted" names the doer, not a claimant.
 * Heuristic on purpose: the reader sees and edits the result before saving.
 */
import { findCountryCues } from '../match/countries';
import type { Mention } from '../match/types';
import { sentencesOf } from '../sentences';
import type { Claim, Claimant } from './model';

/** A claim as found in a text: the schema's fields, and whether it came from the sentences before the passage. */
export interface FoundClaim extends Claim {
  /** Read from the page's text before the selection (the selection itself names no claimant). */
  fromContext?: true;
}

/** Longest sentence a claim quotes (the schema allows 2,000 code points). */
const MAX_SENTENCE = 1500;

/** Words of certainty, most specific first. */
const CONFIDENCE = [
  /\b(?:with )?an? (?:very )?(?:high|moderate|medium|low) degree of (?:certainty|confidence)\b/i,
  /\b(?:with )?(?:very |a )?(?:high|moderate|medium|low)(?:[- ]level)? (?:of )?confidence\b/i,
  /\b(?:almost certainly|highly likely|very likely|probably|likely|suspected|confirmed)\b/i,
];

/** Verbs whose subject makes a claim (active voice). */
const CLAIM_VERB =
  /^(?:said|says|say|stated|states|announced|announces|accused|accuses|accuse|blamed|blames|blame|attributed|attributes|attribute|assessed|assesses|assess|concluded|concludes|named|names|linked|links|tied|ties|identified|identifies|confirmed|confirms|alleged|alleges|determined|judged|judges|charged|indicted|sanctioned|sanctions|designated|believes|believe|believed|claimed|claims|warned|found|reported|pinned)$/i;

/** Verbs that, in the passive, take the claimant after "by" ("was attributed to APT31 by Microsoft"). */
const PASSIVE_CLAIM_VERB =
  /^(?:attributed|blamed|linked|tied|connected|named|identified|accused|assessed|traced|charged|indicted|sanctioned|designated|pinned)$/i;
const PASSIVE_AUX = /^(?:is|are|was|were|been|be|being)$/i;

/** Verbs of a sanction or an indictment. */
const SANCTION_VERB = /^(?:sanction\w*|designat\w*)$/i;
/** Verbs that tie a group to whoever it works for. */
const LINK_VERB = /^(?:linked|links|link|tied|ties|tie|connected|connects|attributed|attributes|attribute)$/i;

/** Between a subject and its verb: auxiliaries, adverbs and dates ("has on Monday publicly blamed"). */
const FILLER =
  /^(?:has|have|had|also|now|then|today|yesterday|formally|publicly|officially|jointly|previously|again|on|in|last|earlier|later|this|week|month|year|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|september|october|november|december|\d{1,4},?|\w+ly)$/i;

/** Words a subject may start with that are not part of the claimant's name ("In 2024 the …", "All three of …"). */
const LEAD =
  /^(?:in|on|at|since|during|last|this|earlier|later|then|meanwhile|also|but|and|so|now|the|a|an|all|both|each|three|two|four|five|several|of|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|september|october|november|december|\d{1,4},?)$/i;

/** Lower-case words a claimant's name may hold ("the foreign minister", "intelligence services"). */
const CLAIMANT_WORD =
  /^(?:government|governments|authorities|officials|official|ministry|minister|ministers|foreign|interior|defence|defense|agency|agencies|police|intelligence|services|service|security|cyber|cybersecurity|national|centre|center|office|department|prosecutors|prosecutor|investigators|researchers|analysts|experts|spokesperson|spokesman|spokeswoman|president|prime|council|director|head|chief|secretary|commissioner|general|team|unit|court|treasury|state|states|allies|partners|vendors?|company|companies|firm|firms)$/i;
/** Words that may join a claimant's name ("Ministry of Foreign Affairs", "Prague's agencies and its …"). */
const JOINER = /^(?:of|for|and|the|de|du|des|der|&|its|their|her|his)$/i;
const PRONOUN =
  /^(?:(?:it|they|he|she|we|i|you)(?:['’](?:ve|re|ll|d|s|m))?|this|that|these|those|which|who)$/i;
/** Verb forms that are also plural nouns ("financial ties to India", "U.S. sanctions and …", "OneDrive links"). */
const NOUN_TOO = /^(?:ties|links|names|claims|states|sanctions|charges|finds|reports|accuses|blames)$/i;
/** After a noun-or-verb word, these make it the noun. */
const NOUN_NEXT = /^(?:to|of|and|or|between|with|for|in|on|from|against|that)$/i;
/** Verbs a claimant may trail ("…, the minister said"); other verbs at a sentence's end are nouns or objects. */
const TRAILING_VERB =
  /^(?:said|says|say|stated|states|added|adds|wrote|writes|warned|warns|reported|reports|believes|believe|concluded|claimed|claims|confirmed|confirms|assessed|assesses|told)$/i;

/** Words that join a second verb to the same subject ("claims … and identifies …"). */
const CONJUNCTION = /^(?:and|or|but)$/i;
/** After "X, found" these make the verb a participle ("the word 'Armageddon,' found in early campaigns"). */
const PARTICIPLE_NEXT = /^(?:in|on|at|during|as|with|from|under|after|before|since|among|across)$/i;
const RELATIVE = /^(?:which|who|whom|that)$/i;
/** A word with the punctuation around it split off, where it is, and whether a clause boundary follows it. */
interface Token {
  word: string;
  start: number;
  end: number;
  /** A comma, semicolon, colon, dash, bracket or full stop right after the word. */
  stop: boolean;
  /** A quote or bracket right before the word. */
  opens: boolean;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    const raw = m[0];
    const lead = /^[“"‘'([]+/u.exec(raw)?.[0].length ?? 0;
    const trail = /[,;:.!?”"’')\]—–-]+$/u.exec(raw.slice(lead))?.[0].length ?? 0;
    const word = raw.slice(lead, raw.length - trail);
    if (!word) continue;
    out.push({
      word,
      start: m.index + lead,
      end: m.index + raw.length - trail,
      stop: /[,;:!?)\]—–.]["”’']?$/u.test(raw),
      opens: lead > 0,
    });
  }
  return out;
}

/** "Prague's" → "Prague", so a possessive name still reads as a name. */
const bare = (w: string) => w.replace(/['’]s$/u, '');
const isCapitalised = (w: string) => /^[\p{Lu}\p{N}]/u.test(w);
const nameWord = (w: string) => (isCapitalised(w) || CLAIMANT_WORD.test(bare(w))) && !PRONOUN.test(w);

/** Tokens i..j (inclusive) as a claimant's name, without lead-in words; '' when it names nobody. */
function nameOf(list: Token[], i: number, j: number): { name: string; from: number } {
  let a = i;
  let b = j;
  while (a <= b && (LEAD.test(list[a]!.word) || JOINER.test(list[a]!.word))) a++;
  while (b >= a && JOINER.test(list[b]!.word)) b--;
  if (a > b) return { name: '', from: a };
  const words = list.slice(a, b + 1).map((t) => t.word);
  // "According to Truesec's report" stops at "report": the name is Truesec.
  words[words.length - 1] = words[words.length - 1]!.replace(/^(\p{Lu}[\p{L}\p{N}-]*)['’]s$/u, '$1');
  // The name's head is its last word: "the Czech government" names someone, "Chinese hackers" does not.
  if (!nameWord(words[words.length - 1]!) || PRONOUN.test(words[0]!)) return { name: '', from: a };
  return { name: words.join(' '), from: a };
}

/** The name that starts at token i and runs on ("by the United States and United Kingdom to …"). */
function nameFrom(list: Token[], i: number): { name: string; end: number } {
  let k = i;
  for (; k < list.length && k < i + 12; k++) {
    const t = list[k]!;
    if (k > i && t.opens) break;
    if (!nameWord(t.word) && !JOINER.test(t.word) && !(k === i && LEAD.test(t.word))) break;
    if (t.stop) {
      k++;
      break;
    }
  }
  return { name: nameOf(list, i, k - 1).name, end: k - 1 };
}

/** The subject ending at token i ("All three of Prague's intelligence agencies" before "assessed"). */
function subjectBefore(list: Token[], i: number): { name: string; from: number; pronoun: boolean } {
  if (i >= 0 && PRONOUN.test(list[i]!.word) && !RELATIVE.test(list[i]!.word))
    return { name: '', from: i, pronoun: true };
  let k = i;
  for (; k >= 0 && k > i - 14; k--) {
    const t = list[k]!;
    if (k < i && t.stop) break;
    if (RELATIVE.test(t.word) || PRONOUN.test(t.word)) break;
    if (!nameWord(t.word) && !JOINER.test(t.word) && !LEAD.test(t.word)) break;
    if (t.opens) {
      k--;
      break;
    }
  }
  const { name, from } = nameOf(list, k + 1, i);
  return { name, from, pronoun: false };
}

/** A claim's claimants: one per name when "and" joins names the KB or the country list knows. */
function claimantsOf(phrase: string, find: (text: string) => Mention[]): Claimant[] {
  const agencies = find(phrase).filter((m) => m.kind === 'agency');
  if (agencies.length > 1) {
    const between = agencies.slice(1).map((m, n) => phrase.slice(agencies[n]!.end, m.start));
    if (between.every((b) => /^(?:,|\s)*(?:and|&)?\s*(?:the\s+)?$/i.test(b)))
      return agencies.map((m) => recognise(m.text, find));
  }
  const parts = phrase.split(/\s*,\s*|\s+(?:and|&)\s+/).map((p) => p.replace(/^the\s+/i, ''));
  if (parts.length > 1 && parts.every((p) => p && !/^(?:its|their|his|her)\b/i.test(p))) {
    const each = parts.map((p) => recognise(p, find));
    if (each.every((c) => c.agencyId || c.country)) return each;
  }
  return [recognise(phrase, find)];
}

/** A claimant's name with the agency (KB) or the country (cue words) it is recognised as. */
function recognise(name: string, find: (text: string) => Mention[]): Claimant {
  const agency = find(name).find((m) => m.kind === 'agency');
  if (agency) return { name, agencyId: agency.id, ...(agency.country ? { country: agency.country } : {}) };
  const cue = findCountryCues(name)[0];
  return cue ? { name, country: cue.country } : { name };
}

/** One reporting verb with its claimant, before the accused is read from the words it owns. */
interface Trigger {
  claimant: string;
  /** The claimant's tokens, never read as the accused. */
  nameFrom: number;
  nameTo: number;
  /** The tokens the claim speaks about (before nested claims take theirs). */
  from: number;
  to: number;
  /** The verb and any "or sanctioned" joined to it. */
  verbs: string[];
  /** A relative clause or a pronoun's: its accused may be the group named just before it. */
  relative: boolean;
  /** "It links …": the claimant is whoever was named before. */
  pronoun: boolean;
}

/** The certainty words of a text ("a high degree of certainty"), or ''. */
function confidenceOf(text: string): string {
  for (const re of CONFIDENCE) {
    const m = re.exec(text);
    if (m) return m[0].replace(/^with /i, '');
  }
  return '';
}

/** Where the clause holding token i starts: after the last stop or relative pronoun before it. */
function clauseStart(list: Token[], i: number): { at: number; relative: boolean } {
  for (let k = i - 1; k >= 0; k--) {
    if (RELATIVE.test(list[k]!.word)) return { at: k, relative: true };
    if (list[k]!.stop) return { at: k + 1, relative: false };
  }
  return { at: 0, relative: false };
}

/** The next clause boundary at or after token i (the last token when none). */
function clauseEnd(list: Token[], i: number): number {
  for (let k = i; k < list.length; k++) if (list[k]!.stop) return k;
  return list.length - 1;
}

/** The reporting verbs of one sentence, with their claimants and the words each speaks about. */
function triggersOf(list: Token[]): Trigger[] {
  const out: Trigger[] = [];
  const lower = list.map((t) => t.word.toLowerCase());
  const verbGroup = (i: number) => {
    const verbs = [list[i]!.word];
    if (/^(?:or|and)$/.test(lower[i + 1] ?? '') && CLAIM_VERB.test(list[i + 2]?.word ?? ''))
      verbs.push(list[i + 2]!.word);
    return verbs;
  };
  for (let i = 0; i + 1 < list.length; i++) {
    if (lower[i] !== 'according' || lower[i + 1] !== 'to') continue;
    const who = nameFrom(list, i + 2);
    if (!who.name) continue;
    const leading = clauseStart(list, i).at === i;
    const [from, to] = leading ? [who.end + 1, list.length - 1] : [clauseStart(list, i).at, i - 1];
    out.push({
      claimant: who.name,
      nameFrom: i + 2,
      nameTo: who.end,
      from,
      to,
      verbs: ['according to'],
      relative: false,
      pronoun: false,
    });
  }
  for (let i = 0; i < list.length; i++) {
    const word = list[i]!.word;
    let k = i - 1;
    while (k >= 0 && /ly$/i.test(list[k]!.word)) k--;
    const passive = k >= 0 && PASSIVE_AUX.test(list[k]!.word);
    if (PASSIVE_CLAIM_VERB.test(word) && (passive || lower[i + 1] === 'by')) {
      // "was attributed to APT31 by Microsoft": the claimant follows "by" within the clause.
      const end = clauseEnd(list, i);
      const by = lower.slice(i + 1, end + 2).indexOf('by');
      if (by < 0) continue;
      // "linked to Iran and has been sanctioned by the US Treasury": that "by" is the second verb's.
      if (
        list.slice(i + 1, i + 1 + by).some((t) => PASSIVE_CLAIM_VERB.test(t.word) || CLAIM_VERB.test(t.word))
      )
        continue;
      const who = nameFrom(list, i + 2 + by);
      if (!who.name) continue;
      const start = clauseStart(list, passive ? k : i);
      const reduced = !passive && !start.relative;
      out.push({
        claimant: who.name,
        nameFrom: i + 2 + by,
        nameTo: who.end,
        // A reduced relative ("a group linked by X to Y") speaks of what comes before it.
        from: start.at,
        to: clauseEnd(list, who.end + 1),
        verbs: verbGroup(i),
        relative: start.relative || reduced,
        pronoun: false,
      });
      continue;
    }
    if (!CLAIM_VERB.test(word) || i === 0 || passive || lower[i + 1] === 'by') continue;
    // "the United States sanctioned": a capitalised word inside a sentence is a name, not a verb.
    if (isCapitalised(word)) continue;
    if (i > 0 && /^(?:or|and)$/.test(lower[i - 1]!) && CLAIM_VERB.test(list[i - 2]?.word ?? '')) continue;
    let s = i - 1;
    while (s >= 0 && FILLER.test(list[s]!.word) && !list[s]!.stop) s--;
    if (s < 0) continue;
    if (list[s]!.stop && PARTICIPLE_NEXT.test(lower[i + 1] ?? '')) continue;
    // After a pronoun it is the verb ("a group it links to China's MSS").
    const afterPronoun = PRONOUN.test(list[s]!.word) && !RELATIVE.test(list[s]!.word);
    if (NOUN_TOO.test(word) && !afterPronoun && (NOUN_NEXT.test(lower[i + 1] ?? '') || i === list.length - 1))
      continue;
    // "alleged members of the group": an adjective, not a claim.
    if (
      lower[i] === 'alleged' &&
      !/^(?:that|the|a|an|to)$/.test(lower[i + 1] ?? '') &&
      !isCapitalised(list[i + 1]?.word ?? '')
    )
      continue;
    const trailing = i === list.length - 1 || list[i]!.stop;
    if (trailing && !TRAILING_VERB.test(word)) continue;
    // "The ministry claims … and identifies …": the second verb's subject is the first's; with no first
    // claim in the sentence ("has been linked to X and has claimed"), the subject is not a claimant.
    if (CONJUNCTION.test(list[s]!.word) && out.length === 0) continue;
    const coordinated = CONJUNCTION.test(list[s]!.word);
    const subject = coordinated ? { name: '', from: s, pronoun: true } : subjectBefore(list, s);
    if (!subject.name && !subject.pronoun) continue;
    const start = clauseStart(list, subject.from);
    const nested = subject.pronoun && subject.from > 0;
    out.push({
      claimant: subject.name,
      nameFrom: subject.from,
      nameTo: s,
      from: trailing ? 0 : i + 1,
      to: trailing ? Math.max(0, start.at - 1) : nested ? clauseEnd(list, i) : list.length - 1,
      verbs: verbGroup(i),
      relative: nested || start.relative,
      pronoun: subject.pronoun,
    });
  }
  return out;
}

/** The claims of one sentence, in the order their verbs come; `before` is the claimant named last. */
function claimsOfSentence(
  sentence: string,
  find: (text: string) => Mention[],
  before: string,
): { claims: Claim[]; last: string } {
  const list = tokens(sentence);
  const triggers = triggersOf(list).sort((a, b) => a.nameFrom - b.nameFrom);
  // Each token belongs to the narrowest claim whose words hold it, so a nested clause keeps its own.
  const owner = list.map((_, t) => {
    let best = -1;
    triggers.forEach((tr, n) => {
      if (t < tr.from || t > tr.to || (t >= tr.nameFrom && t <= tr.nameTo)) return;
      if (best < 0 || tr.to - tr.from < triggers[best]!.to - triggers[best]!.from) best = n;
    });
    return best;
  });
  const mentions = find(sentence);
  const tokenAt = (offset: number) => list.findIndex((t) => offset >= t.start && offset < t.end);
  const claims: Claim[] = [];
  let last = before;
  triggers.forEach((tr, n) => {
    const claimant = tr.pronoun ? last : tr.claimant;
    if (!claimant) return;
    last = claimant;
    const own = (m: Mention) => owner[tokenAt(m.start)] === n;
    const actors = mentions.filter((m) => m.kind === 'actor' && own(m));
    const agencies = mentions.filter((m) => m.kind === 'agency' && own(m));
    // Without a group in its own words, a claim speaks of the one named just before them ("APT31, which
    // has been linked …", "a front company of APT31, was sanctioned by …").
    const startAt = list[tr.from]?.start ?? 0;
    const accused: Mention | undefined =
      actors[0] ?? mentions.filter((m) => m.kind === 'actor' && m.end <= startAt && !own(m)).at(-1);
    const link = tr.verbs.some((v) => LINK_VERB.test(v));
    const sanction = tr.verbs.some((v) => SANCTION_VERB.test(v));
    const sponsor = link && accused ? agencies[0] : undefined;
    // "Britain accused Russia's GRU": an agency is the accused when no group is.
    const target = accused ?? (sanction ? undefined : agencies[0]);
    const ownText = list
      .filter((_, t) => owner[t] === n)
      .map((t) => t.word)
      .join(' ');
    const raw = sentence.slice(list[tr.from]?.start ?? 0, list[tr.to]?.end ?? sentence.length);
    claims.push({
      kind: sanction ? 'sanction' : sponsor ? 'sponsor-link' : 'incident',
      claimants: claimantsOf(claimant, find),
      ...(target ? { accusedId: target.id } : {}),
      accusedName: target?.text ?? '',
      ...(sponsor ? { sponsorId: sponsor.id } : {}),
      // The quoted words keep their quotes ("'a high degree of certainty'"); the owned words do not.
      confidence: confidenceOf(ownText) || (owner.some((o) => o !== n && o >= 0) ? '' : confidenceOf(raw)),
      sentence: sentence.slice(0, MAX_SENTENCE),
    });
  });
  return { claims, last };
}

/** Two claims that say the same thing (same kind, claimants, accused and sponsor). */
const sameClaim = (a: Claim, b: Claim) =>
  a.kind === b.kind &&
  a.accusedId === b.accusedId &&
  a.sponsorId === b.sponsorId &&
  a.claimants.map((c) => c.name).join('|') === b.claimants.map((c) => c.name).join('|');

/**
 * The claims of a passage, the incident's own first: the first incident claim that names both claimant
 * and accused (or else any incident claim). When the passage makes no incident claim and starts mid-sentence
 * or makes no claim at all, the nearest incident claim in `context` (the page's text before the selection)
 * leads, marked `fromContext`; failing that, the passage's first claim of another kind leads. An
 * incident claim without certainty words borrows those of a sentence of the passage that makes no claim of
 * its own ("Officials said the finding was made with a high degree of certainty").
 */
export function findClaims(passage: string, find: (text: string) => Mention[], context = ''): FoundClaim[] {
  const sentences = sentencesOf(passage);
  const claims: FoundClaim[] = [];
  let last = '';
  const spare: string[] = [];
  let group: Mention | undefined;
  for (const s of sentences) {
    const r = claimsOfSentence(s, find, last);
    last = r.last;
    // "The group was sanctioned by …": a claim naming no group speaks of the one the passage named last.
    for (const c of r.claims)
      if (!c.accusedName && group && c.kind !== 'incident') {
        c.accusedId = group.id;
        c.accusedName = group.text;
      }
    group =
      find(s)
        .filter((m) => m.kind === 'actor')
        .at(-1) ?? group;
    const accusing = r.claims.filter((c) => c.accusedName);
    if (accusing.length === 0) {
      const words = confidenceOf(s);
      if (words) spare.push(words);
    }
    for (const c of r.claims) if (!claims.some((k) => sameClaim(k, c))) claims.push(c);
  }
  const incidentAt = (list: FoundClaim[]) => {
    const full = list.findIndex((c) => c.kind === 'incident' && c.accusedName);
    return full >= 0 ? full : list.findIndex((c) => c.kind === 'incident');
  };
  let at = incidentAt(claims);
  // A selection that starts mid-sentence, or holds no claim at all, is read with the words before it.
  const midSentence = context.trim() !== '' && !/[.!?]["”’']?$/u.test(context.trim());
  if (at < 0 && context && (midSentence || claims.length === 0)) {
    // The nearest claim before the passage: its last sentences first.
    const earlier = sentencesOf(context).slice(-4);
    let before = '';
    const found: FoundClaim[] = [];
    for (const s of earlier) {
      const r = claimsOfSentence(s, find, before);
      before = r.last;
      found.push(...r.claims);
    }
    const near = found.filter((c) => c.kind === 'incident').at(-1);
    if (near) {
      // "… assessed that" before a selection "the activity was perpetrated by APT31": the accused is the
      // passage's group when the earlier words name none.
      const actor = near.accusedName ? undefined : find(passage).find((m) => m.kind === 'actor');
      claims.unshift({
        ...near,
        ...(actor ? { accusedId: actor.id, accusedName: actor.text } : {}),
        fromContext: true,
      });
      at = 0;
    }
  }
  // No incident claim anywhere: the first claim the passage makes leads (a sanction, a sponsor link).
  if (at < 0)
    at = Math.max(
      0,
      claims.findIndex((c) => c.accusedName),
    );
  if (claims.length === 0) return [];
  const incident = claims[at]!;
  if (!incident.confidence && spare[0]) incident.confidence = spare[0];
  return [incident, ...claims.filter((c, n) => n !== at && c.accusedName)];
}
