/**
 * The mention finder: one walk over the text collects candidates from the compiled tree, then the
 * precision rules (written form, context, acronyms) decide which count, and names that could mean several
 * entities are ranked by what the page says.
 */
import { NameFlag, type NameRow } from '../kb/types';
import { loadBundledTables } from './bundled';
import { Cls, classOf, surfaceKey } from './chars';
import { Compiled, compileData, type Entry } from './compile';
import {
  agencyNounBefore,
  appositionSaysOtherwise,
  clockTimeBefore,
  continuesIntoLongerName,
  continuesProperName,
  groupNounActs,
  headNounAfter,
  isCapitalsLine,
  isSentenceInitial,
  isTopical,
  joinedToken,
  localQualifierBefore,
  nonAgencyHeadAfter,
  opensCampaignName,
  otherSenseNear,
  personAfter,
  precededByProperName,
  speaksOfActor,
  speaksOfCode,
  standsAlone,
  thingAfter,
  WINDOW,
} from './context';
import { isCountryWord } from './countries';
import { type Placed, TextFacts } from './facts';
import { withPageAcronyms } from './page-acronyms';
import type { Mention } from './types';

/** Options of one scan. */
export interface FindOptions {
  /** Entity ids already seen elsewhere on the same page (context for ordinary-word aliases). */
  pageEntities?: ReadonlySet<string>;
  /**
   * Whether the whole page is about security (`isTopical` from ./context over its full text), for a scan of one part of
   * it. Without it, the text given is judged on its own.
   */
  topical?: boolean;
  /**
   * What the whole page spells acronyms out as (`acronymDefinitions` from ./context over its full text), for a
   * scan of one part of it: "Network Security Services (NSS)" further down makes a heading's "NSS" that thing.
   * The part's own definitions count too.
   */
  definitions?: ReadonlyMap<string, string>;
}

/** A compiled matcher over one name table. */
export interface Matcher {
  findMentions(text: string, options?: FindOptions): Mention[];
}

/**
 * What an entry still needs once its written form fits: nothing (a distinctive name), a line not written in
 * capitals (`capsCode`: HAFNIUM), a page about security (`coinage`), evidence next to it (`generic`, `ordinary`: a word, brand or phrase), cyber words (`cyber`: a
 * name written in lower case), or agency context (`acronym`).
 */
type Need = 'none' | 'capsCode' | 'coinage' | 'generic' | 'cyber' | 'ordinary' | 'acronym';

interface Fit {
  entry: Entry;
  need: Need;
}

/** One way to read the text at a start: a span and the rows whose written form fits it. */
interface Reading {
  end: number;
  fits: Fit[];
}

/** A place where some name fits, with its readings, longest first. */
interface Candidate {
  start: number;
  readings: Reading[];
}

const UPPER = /\p{Lu}/u;

/** `surface` is the written name without diacritics and separators, or '' when no entry compares it. */
/** What an actor name written as the KB writes it needs, by its risk class. */
function byRisk(entry: Entry): Need {
  if (entry.row.kind !== 'actor' || entry.risk === 'distinctive') return 'none';
  return entry.risk;
}

function fitOf(entry: Entry, surface: string, written: string): Need | null {
  switch (entry.form) {
    case 'exact':
      return surface === entry.exact ? (entry.acronym ? 'acronym' : byRisk(entry)) : null;
    case 'capsWord':
      // An all-caps code that is also a word (HAFNIUM, NICKEL): headlines are written in capitals too.
      if (surface === entry.exact) return entry.row.kind === 'actor' ? 'capsCode' : 'none';
      return surface[0] === entry.exact[0] && surface.slice(1) === surface.slice(1).toLowerCase()
        ? 'ordinary'
        : null;
    case 'ordinary':
      return UPPER.test(written[0] ?? '') ? 'ordinary' : null;
    default:
      if (!entry.hasUpper || UPPER.test(written)) return byRisk(entry);
      // Agencies are proper nouns: "military intelligence" in lower case describes, it does not name.
      // Ministries are the exception, because the press writes "the foreign ministry".
      if (entry.row.kind === 'agency' && entry.row.agencyKind !== 'ministry') return null;
      return 'cyber';
  }
}

const comparesSurface = (entry: Entry) => entry.form === 'exact' || entry.form === 'capsWord';

const WORD = Cls.word;
const IDEO = Cls.ideo;
const MARK = Cls.mark;

/** The readings of the names that start at `i` (longest first), or undefined when none fits. */
function readingsAt(compiled: Compiled, text: string, i: number, hits: number[]): Reading[] | undefined {
  const count = compiled.trie.walk(text, i, hits);
  if (count === 0) return undefined;
  const readings: Reading[] = [];
  for (let h = count - 1; h >= 0; h--) {
    const end = hits[h * 2]!;
    // "Lexus_night", "Polaris-based", "Acme-IB": part of a longer token, not a name.
    if (joinedToken(text, i, end)) continue;
    const written = text.slice(i, end);
    const entries = compiled.group(hits[h * 2 + 1]!);
    const surface = entries.some(comparesSurface) ? surfaceKey(written) : '';
    const fits: Fit[] = [];
    for (const entry of entries) {
      const need = fitOf(entry, surface, written);
      if (need) fits.push({ entry, need });
    }
    if (fits.length) readings.push({ end, fits });
  }
  return readings.length ? readings : undefined;
}

/**
 * The candidates of each table in one walk over the text: each table skips past its own names only, so its
 * candidates are what it finds alone, while the text's characters are classified once for all of them.
 */
function collect(tables: readonly Compiled[], text: string): Candidate[][] {
  const found = tables.map((): Candidate[] => []);
  const next = tables.map(() => 0);
  const n = text.length;
  const hits: number[] = [];
  let inWord = false;
  for (let i = 0; i < n; i++) {
    const cls = classOf(text.charCodeAt(i));
    if (cls === MARK) continue;
    if (cls !== WORD && cls !== IDEO) {
      inWord = false;
      continue;
    }
    if (cls === WORD && inWord) continue;
    inWord = cls === WORD;
    for (let t = 0; t < tables.length; t++) {
      if (i < next[t]!) continue;
      const readings = readingsAt(tables[t]!, text, i, hits);
      if (!readings) continue;
      found[t]!.push({ start: i, readings });
      // No overlapping mentions within a table: it goes on after its longest reading.
      next[t] = readings[0]!.end;
    }
  }
  return found;
}

function foldWords(s: string): string {
  return surfaceKey(s.toLowerCase());
}

/**
 * How sure the rules are that a fit is the entity at [start, end), from the evidence its need asks for; 0
 * when the evidence is missing. The numbers are calibrated on the eval (docs/matching.md).
 */
function confidenceOf(
  fit: Fit,
  start: number,
  end: number,
  facts: TextFacts,
  topical: boolean,
  names: (id: string) => ReadonlySet<string> | undefined,
): number {
  const { text, strong } = facts;
  const row = fit.entry.row;
  const id = row.id;
  // Code that shares a group's name ("the Winnti malware") and a campaign named after a group ("APT28
  // Nearest Neighbor Campaign") are not the group, whatever the name's class.
  if (row.kind === 'actor' && (speaksOfCode(text, start, end) || opensCampaignName(text, end))) return 0;
  switch (fit.need) {
    case 'none':
      if (row.kind === 'agency') {
        // "the Ohio State Department of Education" is a state's body, not the federal one.
        if (localQualifierBefore(text, start) || continuesIntoLongerName(text, end, isCountryWord)) return 0;
      }
      return 1;
    case 'capsCode':
      // In a line written in capitals, HAFNIUM is as ordinary as Hafnium.
      if (!isCapitalsLine(text, start)) return 1;
      return confidenceOf({ entry: fit.entry, need: 'ordinary' }, start, end, facts, topical, names);
    case 'coinage':
      if (strong.has(id)) return 0.9;
      // A sentence that speaks of an actor needs no page around it.
      if (speaksOfActor(text, start, end, topical) && !otherSenseNear(text, start, end)) return 0.85;
      if (!topical) return 0;
      if (headNounAfter(text, end)) return 0.9;
      if (otherSenseNear(text, start, end)) return 0;
      return facts.cyberWords(start, end, 1) + facts.nearbyActors(start, id) > 0 ? 0.9 : 0;
    case 'cyber':
      // An actor's name in lower case reads as an ordinary phrase ("a cozy bear sweater"): it counts only
      // where a noun says it is a group ("volt typhoon hackers"), or the page names that group properly and
      // no object noun follows.
      if (row.kind === 'actor') {
        if (!topical || thingAfter(text, end)) return 0;
        if (headNounAfter(text, end)) return 0.7;
        // Beside its proper name, a lower-case name counts only standing alone as a noun ("… as volt
        // typhoon in …"), not as the modifier of another noun ("a wicked panda dance troupe").
        return strong.has(id) && standsAlone(text, end) ? 0.7 : 0;
      }
      return strong.has(id) ||
        facts.cyberWordsInSentence(start, end, 1) + facts.actorsInSentence(start, end, id) > 0
        ? 0.7
        : 0;
    case 'generic':
    case 'ordinary': {
      // A retired vendor name that is also a product's (Microsoft's CHROMIUM, written "Chromium") is the
      // product wherever the product is discussed: a team, group or project after it is what products have
      // too, and cyber words beside it are the product's security news. It needs an actor's noun ("Hafnium
      // hackers"), a sentence where it acts, or the group named properly on the page.
      const retired = (row.flags & NameFlag.legacy) !== 0;
      const orgNoun = retired && ORG_NOUN_AFTER.test(text.slice(end, end + 12));
      const speaks =
        row.kind === 'actor' &&
        (orgNoun ? groupNounActs(text, end) : speaksOfActor(text, start, end, topical));
      if (!topical && !strong.has(id) && !speaks) return 0;
      // A proper name in its other sense (Turla the river) is capitalized everywhere: position adds nothing.
      const grammarCapital =
        (row.flags & NameFlag.properName) === 0 &&
        (isSentenceInitial(text, start) || facts.titleCaseLine(start));
      // "Turla RPC backdoors can …": a capitalized word after the name is no longer name when the sentence
      // shows the name acting.
      if (!grammarCapital && continuesProperName(text, end) && !speaks) return 0;
      if (precededByProperName(text, start, isCountryWord) || thingAfter(text, end)) return 0;
      if (strong.has(id)) return 0.9;
      if (headNounAfter(text, end) && !orgNoun) return 0.85;
      // "The story of Lazarus": the name's other sense is in the sentence, so cyber words nearby do not settle it.
      if (otherSenseNear(text, start, end)) return 0;
      if (speaks) return 0.8;
      if (retired && row.kind === 'actor') return 0;
      // A capital that grammar explains proves nothing, so more of the field's words must be near.
      const evidence =
        facts.cyberWordsInSentence(start, end) + Math.min(1, facts.actorsInSentence(start, end, id));
      return evidence >= (grammarCapital ? 2 : 1) ? 0.75 : 0;
    }
    case 'acronym': {
      const defined = facts.definedAs(fit.entry.exact);
      if (defined !== undefined) return names(id)?.has(foldWords(defined)) ? 0.95 : 0;
      if (
        nonAgencyHeadAfter(text, end) ||
        personAfter(text, end) ||
        appositionSaysOtherwise(text, end, start) ||
        clockTimeBefore(text, start)
      )
        return 0;
      if (strong.has(id)) return 0.9;
      if (row.flags & NameFlag.generic) {
        // An acronym with another common meaning (AFP, MIT, AA) is the agency only where the text says so.
        // The country near it must be the agency's, and the words around it an agency's.
        const cues = facts.countryCues();
        if (!row.country || !facts.agencyContextWins(start, end, id)) return 0;
        if (cues.adjacent(text, start, end) === row.country) return 0.85;
        if (agencyNounBefore(text, start) && cues.score(row.country, start, end, WINDOW) > 0) return 0.75;
        const best = cues.best(start, end, WINDOW);
        return best?.country === row.country && best.score >= 1 ? 0.7 : 0;
      }
      // On a page about security, an acronym with no other meaning beside a cyber word is the agency.
      if (topical && facts.cyberWordsInSentence(start, end, 1) > 0) return 0.85;
      if (facts.agencyContextWins(start, end, id)) return 0.85;
      // A national body's acronym with no other common meaning (FBI, CISA) is the agency unless the words
      // of another field (finance, law) outnumber the agency's around it.
      // International bodies' acronyms (EU, AU) double as region labels ("the EU release"): not them. Off a
      // security page, the body's country must be named near it ("la NSA américaine").
      if (!row.country || facts.otherFieldWins(start, end, id)) return 0;
      return topical || facts.countryCues().score(row.country, start, end, WINDOW) >= 1 ? 0.75 : 0;
    }
  }
}

/** Nouns that follow products' names as often as groups' ("the Chromium team"). */
const ORG_NOUN_AFTER = /^[ \u00a0]+(?:team|group|project)\b/i;

/** Several entities that fit one name, best first, and whether the page really decided between them. */
interface Ranking {
  ordered: Fit[];
  decided: boolean;
}

/**
 * Ranks the entities a name could mean by page evidence, then country words near the name (and, barely,
 * in the whole text); with nothing to go on, the entity the KB declares primary for the name comes first.
 */
function rank(fits: readonly Fit[], start: number, end: number, facts: TextFacts): Ranking {
  const byId = new Map<string, Fit>();
  for (const f of fits) if (!byId.has(f.entry.row.id)) byId.set(f.entry.row.id, f);
  const cues = facts.countryCues();
  const ranked = [...byId.values()]
    .map((fit, order) => {
      const row = fit.entry.row;
      const page = facts.strong.has(row.id) ? 20 : 0;
      const country = row.country ? cues.score(row.country, start, end, WINDOW) : 0;
      const primary = row.flags & NameFlag.primary ? 1 : 0;
      return { fit, score: page + country, primary, order };
    })
    .sort((a, b) => b.score - a.score || b.primary - a.primary || a.order - b.order);
  const best = ranked[0]!.score;
  return { ordered: ranked.map((r) => r.fit), decided: best > 0 && best > (ranked[1]?.score ?? 0) };
}

function single(start: number, end: number, text: string, row: NameRow, confidence: number): Mention {
  // Literal shapes rather than spreads: this runs for every mention of a name-dense page.
  return row.country
    ? { start, end, text, kind: row.kind, id: row.id, name: row.canonical, country: row.country, confidence }
    : { start, end, text, kind: row.kind, id: row.id, name: row.canonical, confidence };
}

/** The distinct ids among fits, in order. */
function idsOf(fits: readonly Fit[]): string[] {
  const ids: string[] = [];
  for (const f of fits) if (!ids.includes(f.entry.row.id)) ids.push(f.entry.row.id);
  return ids;
}

/** Ministry names many governments use ("Ministry of National Defense"): the text must not point elsewhere. */
const GENERIC_MINISTRY = /^Ministry of /i;

/** A fit that passed, with how sure its evidence makes it. */
interface Scored {
  fit: Fit;
  confidence: number;
}

/** Whether the written name carries its own country ("Australian Federal Police", "UK NCSC"). */
function namesItsCountry(facts: TextFacts, start: number, end: number): boolean {
  return facts.countryCues().within(start, end);
}

/**
 * Agencies whose country the text contradicts: a country written right next to the name decides whose body
 * it is ("China's Ministry of State Security", "Ministry of Defence of Ukraine"); a generic ministry name
 * with another country in sight is that country's ministry, which the KB may not know.
 */
function agreeingWithCountry(scored: Scored[], start: number, end: number, facts: TextFacts): Scored[] {
  const agencies = scored.filter((s) => s.fit.entry.row.kind === 'agency');
  if (agencies.length === 0 || namesItsCountry(facts, start, end)) return scored;
  const cues = facts.countryCues();
  const adjacent = cues.adjacent(facts.text, start, end);
  if (adjacent) {
    // International bodies have no country: "Russia's United Nations ambassador" still names the UN.
    const kept = agencies.filter((s) => !s.fit.entry.row.country || s.fit.entry.row.country === adjacent);
    return kept.map((s) =>
      s.fit.entry.row.country ? { fit: s.fit, confidence: Math.max(s.confidence, 0.95) } : s,
    );
  }
  const ids = new Set(agencies.map((s) => s.fit.entry.row.id));
  const only = agencies[0]!.fit.entry.row;
  if (ids.size === 1 && only.country && GENERIC_MINISTRY.test(facts.text.slice(start, end))) {
    const best = cues.best(start, end, WINDOW);
    if (
      best &&
      best.country !== only.country &&
      best.score >= 1 &&
      cues.score(only.country, start, end, WINDOW) < 1
    )
      return [];
  }
  return scored;
}

function mentionOf(
  text: string,
  start: number,
  end: number,
  passed: Scored[],
  facts: TextFacts,
): Mention | null {
  const scored = agreeingWithCountry(passed, start, end, facts);
  if (scored.length === 0) return null;
  const written = text.slice(start, end);
  const fits = scored.map((s) => s.fit);
  const sure = Math.max(...scored.map((s) => s.confidence));
  if (idsOf(fits).length === 1) return single(start, end, written, fits[0]!.entry.row, sure);
  // A name shared by an agency and an actor ("Unit 74455") names the agency: the actor is its work.
  const agencies = fits.filter((f) => f.entry.row.kind === 'agency');
  const pool = agencies.length > 0 && agencies.length < fits.length ? agencies : fits;
  const { ordered, decided } = rank(pool, start, end, facts);
  const candidates = ordered.map((f) => f.entry.row.id);
  if (candidates.length === 1) return single(start, end, written, ordered[0]!.entry.row, Math.min(sure, 0.9));
  const row = ordered[0]!.entry.row;
  if (!decided && ordered.every((f) => f.entry.row.agencyKind === 'ministry')) {
    // A generic ministry name with no country in sight: say which ministry, not whose.
    const suffixes = new Set(candidates.map((id) => id.replace(/^[a-z]{2}-/, '')));
    return {
      start,
      end,
      text: written,
      kind: row.kind,
      id: suffixes.size === 1 ? [...suffixes][0]! : row.id,
      name: fits[0]!.entry.row.name,
      candidates,
      confidence: 0.4,
    };
  }
  return { ...single(start, end, written, row, Math.min(sure, decided ? 0.7 : 0.5)), candidates };
}

/** Every name of each entity, folded, built on first use: an acronym defined by one of them is the agency. */
function namesById(compiled: Compiled): Names {
  let names: Map<string, Set<string>> | undefined;
  return (id) => {
    if (!names) {
      names = new Map();
      for (let i = 0; i < compiled.rowCount; i++) {
        const row = compiled.row(i);
        const set = names.get(row.id) ?? new Set<string>();
        names.set(row.id, set);
        set.add(foldWords(row.name));
        set.add(foldWords(row.canonical));
      }
    }
    return names.get(id);
  };
}

type Names = (id: string) => ReadonlySet<string> | undefined;

/** The rules over one table's candidates in a text: which count, as what, how surely. */
function judge(names: Names, text: string, candidates: Candidate[], options?: FindOptions): Mention[] {
  // Most texts hold none of a small table's names (the reader's own): nothing to weigh.
  if (candidates.length === 0) return [];
  const strong = new Set(options?.pageEntities);
  const placed: Placed[] = [];
  const actors: Placed[] = [];
  let distinctiveActor = false;
  for (const c of candidates) {
    const fits = c.readings[0]!.fits;
    const ids = idsOf(fits);
    const p = { start: c.start, ids };
    placed.push(p);
    if (fits.some((f) => f.need === 'none' && f.entry.row.kind === 'actor')) {
      actors.push(p);
      distinctiveActor = true;
    }
    if (ids.length === 1 && fits.some((f) => f.need === 'none')) strong.add(ids[0]!);
  }
  const topical =
    options?.topical === true || distinctiveActor || (options?.topical === undefined && isTopical(text));
  if (topical) {
    for (const c of candidates) {
      const fits = c.readings[0]!.fits;
      if (fits.length === 1 && fits[0]!.need === 'coinage') strong.add(fits[0]!.entry.row.id);
    }
  }
  const facts = new TextFacts(text, strong, placed, actors, options?.definitions);
  const found: (Mention | null)[] = candidates.map(() => null);
  // A generic name that its own paragraph proves is a group vouches for the same group's other mentions,
  // so a second pass gives the ones that lacked evidence of their own another look.
  for (let pass = 0; pass < 2; pass++) {
    const before = strong.size;
    candidates.forEach((c, i) => {
      if (found[i]) return;
      for (const reading of c.readings) {
        const passed: Scored[] = [];
        for (const fit of reading.fits) {
          const confidence = confidenceOf(fit, c.start, reading.end, facts, topical, names);
          if (confidence > 0) passed.push({ fit, confidence });
        }
        if (passed.length === 0) continue;
        const m = mentionOf(text, c.start, reading.end, passed, facts);
        if (!m) continue;
        found[i] = m;
        if (!m.candidates && m.kind === 'actor') strong.add(m.id);
        break;
      }
    });
    if (strong.size === before) break;
  }
  return withPageAcronyms(
    text,
    found.filter((m): m is Mention => m !== null),
  );
}

/** A matcher over compiled tables (each scan is one walk over the text, then the rules). */
export function matcherOver(compiled: Compiled): Matcher {
  const names = namesById(compiled);
  return { findMentions: (text, options) => judge(names, text, collect([compiled], text)[0]!, options) };
}

/** Two tables matched in one walk over each text, each judged on its own (the bundled KB and the reader's). */
export interface PairedMatcher {
  /** The mentions of each table, as each would find them alone. */
  findMentions(text: string, options?: FindOptions): [Mention[], Mention[]];
}

/** A matcher over two tables that classifies the text's characters once for both. */
export function pairedMatcher(a: Compiled, b: Compiled): PairedMatcher {
  const namesA = namesById(a);
  const namesB = namesById(b);
  return {
    findMentions(text, options) {
      const [ca, cb] = collect([a, b], text) as [Candidate[], Candidate[]];
      return [judge(namesA, text, ca, options), judge(namesB, text, cb, options)];
    },
  };
}

/** Builds a matcher over the given names: compiles them now (tests and tools with their own tables). */
export function createMatcher(rows: readonly NameRow[]): Matcher {
  return matcherOver(new Compiled(compileData(rows), (i) => rows[i]!));
}

let sharedTables: Compiled | undefined;
let shared: Matcher | undefined;

/** The bundled name table's tables, loaded once per context and shared by every matcher over them. */
export function bundledTables(): Compiled {
  sharedTables ??= loadBundledTables();
  return sharedTables;
}

/** Finds every actor and agency mention in `text` using the bundled name table (prebuilt tables). */
export function findMentions(text: string, options?: FindOptions): Mention[] {
  shared ??= matcherOver(bundledTables());
  return shared.findMentions(text, options);
}
