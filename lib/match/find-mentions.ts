/**
 * The mention finder: one walk over the text collects candidates from the compiled tree, then the
 * precision rules (written form, context, acronyms) decide which count, and names that could mean several
 * entities are ranked by what the page says.
 */
import { NameFlag, type NameRow } from '../kb/types';
import { loadBundledTables } from './bundled';
import { Cls, classOf, surfaceKey } from './chars';
import { Compiled, compileData, type Entry } from './compile';
import { continuesProperName, headNounAfter, isSentenceInitial, nonAgencyHeadAfter, WINDOW } from './context';
import { type Placed, TextFacts } from './facts';
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

/** `surface` is the written name without diacritics and separators, or '' when no entry compares it. */
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
      if (!entry.hasUpper || UPPER.test(written)) return 'none';
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

function collect(compiled: Compiled, text: string): Candidate[] {
  const found: Candidate[] = [];
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
    const count = compiled.trie.walk(text, i, hits);
    if (count === 0) continue;
    const readings: Reading[] = [];
    for (let h = count - 1; h >= 0; h--) {
      const end = hits[h * 2]!;
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
    if (readings.length === 0) continue;
    found.push({ start: i, readings });
    // No overlapping mentions: continue after the longest reading.
    i = readings[0]!.end - 1;
    inWord = classOf(text.charCodeAt(i)) === WORD;
  }
  return found;
}

function foldWords(s: string): string {
  return surfaceKey(s.toLowerCase());
}

function passes(
  fit: Fit,
  start: number,
  end: number,
  facts: TextFacts,
  names: (id: string) => ReadonlySet<string> | undefined,
): boolean {
  const { text, strong } = facts;
  const id = fit.entry.row.id;
  switch (fit.need) {
    case 'none':
      return true;
    case 'cyber':
      return strong.has(id) || facts.cyberWords(start, end, 1) + facts.nearbyActors(start, id) > 0;
    case 'ordinary': {
      // A proper name in its other sense (Turla the river) is capitalized everywhere: position adds nothing.
      const grammarCapital =
        (fit.entry.row.flags & NameFlag.properName) === 0 &&
        (isSentenceInitial(text, start) || facts.titleCaseLine(start));
      if (!grammarCapital && continuesProperName(text, end)) return false;
      if (strong.has(id) || headNounAfter(text, end)) return true;
      // A capital that grammar explains proves nothing, so more of the field's words must be near.
      return facts.cyberWords(start, end) + facts.nearbyActors(start, id) >= (grammarCapital ? 2 : 1);
    }
    case 'acronym': {
      const defined = facts.definedAs(fit.entry.exact);
      if (defined !== undefined && !names(id)?.has(foldWords(defined))) return false;
      if (nonAgencyHeadAfter(text, end)) return false;
      if (strong.has(id)) return true;
      return facts.agencyContextWins(start, end, id);
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

function mentionOf(text: string, start: number, end: number, fits: Fit[], facts: TextFacts): Mention {
  const written = text.slice(start, end);
  if (idsOf(fits).length === 1) {
    const need = fits.some((f) => f.need === 'none') ? 'none' : fits[0]!.need;
    return single(start, end, written, fits[0]!.entry.row, confidenceOf(need));
  }
  // A name shared by an agency and an actor ("Unit 74455") names the agency: the actor is its work.
  const agencies = fits.filter((f) => f.entry.row.kind === 'agency');
  const pool = agencies.length > 0 && agencies.length < fits.length ? agencies : fits;
  const { ordered, decided } = rank(pool, start, end, facts);
  const candidates = ordered.map((f) => f.entry.row.id);
  if (candidates.length === 1) return single(start, end, written, ordered[0]!.entry.row, 0.9);
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
  return { ...single(start, end, written, row, decided ? 0.7 : 0.5), candidates };
}

/** Every name of each entity, folded, built on first use: an acronym defined by one of them is the agency. */
function namesById(compiled: Compiled): (id: string) => ReadonlySet<string> | undefined {
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

/** A matcher over compiled tables (each scan is one walk over the text, then the rules). */
export function matcherOver(compiled: Compiled): Matcher {
  const names = namesById(compiled);
  return {
    findMentions(text, options) {
      const candidates = collect(compiled, text);
      const strong = new Set(options?.pageEntities);
      const placed: Placed[] = [];
      const actors: Placed[] = [];
      for (const c of candidates) {
        const fits = c.readings[0]!.fits;
        const ids = idsOf(fits);
        const p = { start: c.start, ids };
        placed.push(p);
        if (fits.some((f) => f.need === 'none' && f.entry.row.kind === 'actor')) actors.push(p);
        if (ids.length === 1 && fits.some((f) => f.need === 'none')) strong.add(ids[0]!);
      }
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

/** Builds a matcher over the given names: compiles them now (tests and tools with their own tables). */
export function createMatcher(rows: readonly NameRow[]): Matcher {
  return matcherOver(new Compiled(compileData(rows), (i) => rows[i]!));
}

let shared: Matcher | undefined;

/** Finds every actor and agency mention in `text` using the bundled name table (prebuilt tables). */
export function findMentions(text: string, options?: FindOptions): Mention[] {
  shared ??= matcherOver(loadBundledTables());
  return shared.findMentions(text, options);
}
