/**
 * The mention finder: one walk over the text collects candidates from the compiled tree, then the
 * precision rules (written form, context, acronyms) decide which count, and names that could mean several
 * entities are ranked by what the page says.
 */
import { loadNameTable } from '../kb/names';
import type { NameRow } from '../kb/types';
import { Cls, classOf, surfaceKey } from './chars';
import { type Compiled, compile, type Entry } from './compile';
import {
  acronymDefinitions,
  agencyContextWins,
  continuesProperName,
  cyberContext,
  headNounAfter,
  isSentenceInitial,
  isTitleCaseLine,
  nonAgencyHeadAfter,
  WINDOW,
} from './context';
import { type CountryCue, countryScores, findCountryCues } from './countries';
import type { Mention } from './types';

/** Options of one scan. */
export interface FindOptions {
  /** Entity ids already seen elsewhere on the same page (context for ordinary-word aliases). */
  pageEntities?: ReadonlySet<string>;
}

/** A compiled matcher over one name table. */
export interface Matcher {
  findMentions(text: string, options?: FindOptions): Mention[];
}

/** What an entry still needs once its written form fits. */
type Need = 'none' | 'cyber' | 'ordinary' | 'acronym';

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

function fitOf(entry: Entry, surface: string, written: string): Need | null {
  switch (entry.form) {
    case 'exact':
      return surface === entry.exact ? (entry.acronym ? 'acronym' : 'none') : null;
    case 'capsWord':
      if (surface === entry.exact) return 'none';
      return surface[0] === entry.exact[0] && surface.slice(1) === surface.slice(1).toLowerCase()
        ? 'ordinary'
        : null;
    case 'ordinary':
      return UPPER.test(written[0] ?? '') ? 'ordinary' : null;
    default:
      if (!entry.hasUpper || UPPER.test(surface)) return 'none';
      // Agencies are proper nouns: "military intelligence" in lower case describes, it does not name.
      // Ministries are the exception, because the press writes "the foreign ministry".
      if (entry.row.kind === 'agency' && entry.row.agencyKind !== 'ministry') return null;
      return 'cyber';
  }
}

function collect(compiled: Compiled, text: string): Candidate[] {
  const found: Candidate[] = [];
  const n = text.length;
  let inWord = false;
  for (let i = 0; i < n; i++) {
    const cls = classOf(text.charCodeAt(i));
    if (cls === Cls.mark) continue;
    if (cls !== Cls.word && cls !== Cls.ideo) {
      inWord = false;
      continue;
    }
    if (cls === Cls.word && inWord) continue;
    inWord = cls === Cls.word;
    const hits = compiled.trie.walk(text, i);
    if (hits.length === 0) continue;
    const readings: Reading[] = [];
    for (let h = hits.length - 1; h >= 0; h--) {
      const { end, group } = hits[h]!;
      const written = text.slice(i, end);
      const surface = surfaceKey(written);
      const fits: Fit[] = [];
      for (const entry of compiled.groups[group]!) {
        const need = fitOf(entry, surface, written);
        if (need) fits.push({ entry, need });
      }
      if (fits.length) readings.push({ end, fits });
    }
    if (readings.length === 0) continue;
    found.push({ start: i, readings });
    // No overlapping mentions: continue after the longest reading.
    i = readings[0]!.end - 1;
    inWord = classOf(text.charCodeAt(i)) === Cls.word;
  }
  return found;
}

/** A candidate's start and the ids it may mean. */
interface Placed {
  start: number;
  ids: ReadonlySet<string>;
}

/** Candidates near `start` that may mean something other than `id` (a name does not vouch for itself). */
function countNear(placed: readonly Placed[], start: number, id: string): number {
  let count = 0;
  for (const p of placed) if (!p.ids.has(id) && Math.abs(p.start - start) <= WINDOW) count++;
  return count;
}

/** What a scan knows about the whole text, computed once and only when a rule asks. */
class TextFacts {
  private cues?: CountryCue[];
  private definitions?: Map<string, string>;

  constructor(
    readonly text: string,
    readonly strong: ReadonlySet<string>,
    private readonly positions: readonly Placed[],
    private readonly actorPositions: readonly Placed[],
  ) {}

  countryCues(): CountryCue[] {
    this.cues ??= findCountryCues(this.text);
    return this.cues;
  }

  definedAs(acronym: string): string | undefined {
    this.definitions ??= acronymDefinitions(this.text);
    return this.definitions.get(acronym);
  }

  /** Other candidates near a position: names of the field count as agency context. */
  nearbyCandidates(start: number, id: string): number {
    return countNear(this.positions, start, id);
  }

  /** Other actor names near a position, even ambiguous ones: they put the text in the security field. */
  nearbyActors(start: number, id: string): number {
    return countNear(this.actorPositions, start, id);
  }
}

function foldWords(s: string): string {
  return surfaceKey(s.toLowerCase());
}

function passes(
  fit: Fit,
  start: number,
  end: number,
  facts: TextFacts,
  names: Map<string, Set<string>>,
): boolean {
  const { text, strong } = facts;
  const id = fit.entry.row.id;
  switch (fit.need) {
    case 'none':
      return true;
    case 'cyber':
      return strong.has(id) || cyberContext(text, start, end, 1) + facts.nearbyActors(start, id) > 0;
    case 'ordinary': {
      const grammarCapital = isSentenceInitial(text, start) || isTitleCaseLine(text, start);
      if (!grammarCapital && continuesProperName(text, end)) return false;
      if (strong.has(id) || headNounAfter(text, end)) return true;
      // A capital that grammar explains proves nothing, so more of the field's words must be near.
      return cyberContext(text, start, end) + facts.nearbyActors(start, id) >= (grammarCapital ? 2 : 1);
    }
    case 'acronym': {
      const defined = facts.definedAs(fit.entry.exact);
      if (defined !== undefined && !names.get(id)?.has(foldWords(defined))) return false;
      if (nonAgencyHeadAfter(text, end)) return false;
      if (strong.has(id)) return true;
      return agencyContextWins(text, start, end, facts.nearbyCandidates(start, id));
    }
  }
}

function confidenceOf(need: Need): number {
  if (need === 'none') return 1;
  if (need === 'acronym') return 0.85;
  return 0.75;
}

/** Several entities that fit one name, best first, and whether the page really decided between them. */
interface Ranking {
  ordered: Fit[];
  decided: boolean;
}

/** Ranks the entities a name could mean by page evidence, then country words near the name. */
function rank(fits: readonly Fit[], start: number, end: number, facts: TextFacts): Ranking {
  const byId = new Map<string, Fit>();
  for (const f of fits) if (!byId.has(f.entry.row.id)) byId.set(f.entry.row.id, f);
  const scores = countryScores(facts.countryCues(), start, end, WINDOW);
  const ranked = [...byId.values()]
    .map((fit, order) => {
      const row = fit.entry.row;
      const page = facts.strong.has(row.id) ? 20 : 0;
      const country = row.country ? (scores.get(row.country) ?? 0) : 0;
      return { fit, score: page + country, order };
    })
    .sort((a, b) => b.score - a.score || a.order - b.order);
  const best = ranked[0]!.score;
  return { ordered: ranked.map((r) => r.fit), decided: best > 0 && best > (ranked[1]?.score ?? 0) };
}

function single(base: Pick<Mention, 'start' | 'end' | 'text'>, row: NameRow, confidence: number): Mention {
  return {
    ...base,
    kind: row.kind,
    id: row.id,
    name: row.canonical,
    ...(row.country ? { country: row.country } : {}),
    confidence,
  };
}

function mentionOf(text: string, start: number, end: number, fits: Fit[], facts: TextFacts): Mention {
  const base = { start, end, text: text.slice(start, end) };
  const ids = new Set(fits.map((f) => f.entry.row.id));
  if (ids.size === 1) {
    const need = fits.some((f) => f.need === 'none') ? 'none' : fits[0]!.need;
    return single(base, fits[0]!.entry.row, confidenceOf(need));
  }
  // A name shared by an agency and an actor ("Unit 74455") names the agency: the actor is its work.
  const agencies = fits.filter((f) => f.entry.row.kind === 'agency');
  const pool = agencies.length > 0 && agencies.length < fits.length ? agencies : fits;
  const { ordered, decided } = rank(pool, start, end, facts);
  const candidates = ordered.map((f) => f.entry.row.id);
  if (candidates.length === 1) return single(base, ordered[0]!.entry.row, 0.9);
  const row = ordered[0]!.entry.row;
  if (!decided && ordered.every((f) => f.entry.row.agencyKind === 'ministry')) {
    // A generic ministry name with no country in sight: say which ministry, not whose.
    const suffixes = new Set(candidates.map((id) => id.replace(/^[a-z]{2}-/, '')));
    return {
      ...base,
      kind: row.kind,
      id: suffixes.size === 1 ? [...suffixes][0]! : row.id,
      name: fits[0]!.entry.row.name,
      candidates,
      confidence: 0.4,
    };
  }
  return { ...single(base, row, decided ? 0.7 : 0.5), candidates };
}

/** Builds a matcher over the given names (compiled once; each scan is one walk over the text). */
export function createMatcher(rows: readonly NameRow[]): Matcher {
  const compiled = compile(rows);
  // Every name of an entity, folded: an acronym defined by one of them is the agency itself.
  const names = new Map<string, Set<string>>();
  for (const group of compiled.groups) {
    for (const { row } of group) {
      const set = names.get(row.id) ?? new Set<string>();
      names.set(row.id, set);
      set.add(foldWords(row.name));
      set.add(foldWords(row.canonical));
    }
  }
  return {
    findMentions(text, options) {
      const candidates = collect(compiled, text);
      const strong = new Set(options?.pageEntities);
      for (const c of candidates) {
        const fits = c.readings[0]!.fits;
        const ids = new Set(fits.map((f) => f.entry.row.id));
        if (ids.size === 1 && fits.some((f) => f.need === 'none')) strong.add(fits[0]!.entry.row.id);
      }
      const placed = candidates.map((c) => ({
        start: c.start,
        ids: new Set(c.readings[0]!.fits.map((f) => f.entry.row.id)),
      }));
      const actors = placed.filter((_, i) =>
        candidates[i]!.readings[0]!.fits.some((f) => f.need === 'none' && f.entry.row.kind === 'actor'),
      );
      const facts = new TextFacts(text, strong, placed, actors);
      const mentions: Mention[] = [];
      for (const c of candidates) {
        for (const reading of c.readings) {
          const ok = reading.fits.filter((f) => passes(f, c.start, reading.end, facts, names));
          if (ok.length === 0) continue;
          mentions.push(mentionOf(text, c.start, reading.end, ok, facts));
          break;
        }
      }
      return mentions;
    },
  };
}

let shared: Matcher | undefined;

/** Finds every actor and agency mention in `text` using the bundled name table. */
export function findMentions(text: string, options?: FindOptions): Mention[] {
  shared ??= createMatcher(loadNameTable());
  return shared.findMentions(text, options);
}
