/**
 * Search actors and agencies by any name, typos forgiven. One implementation for the popup and the CLI:
 * pure TypeScript on MiniSearch, no Node or browser APIs.
 */
import MiniSearch from 'minisearch';
import type { KnowledgeBase } from './types';

/** How a hit matched, best first: a whole name typed, the start of a name, or a forgiven typo. */
export type MatchTier = 'exact' | 'prefix' | 'fuzzy';

/** One hit, best first. */
export interface SearchResult {
  id: string;
  kind: 'actor' | 'agency';
  name: string;
  /** Every other name of the entity (aliases; or abbreviations, English and native names). */
  aliases: string[];
  /** The name the query found (the canonical name or one alias), shown next to the hit. */
  matched: string;
  tier: MatchTier;
  country?: string;
  score: number;
}

/** Narrows a search; every field is optional and they combine with AND. */
export interface SearchFilter {
  kind?: 'actor' | 'agency';
  /** ISO 3166-1 alpha-2 code. */
  country?: string;
  /** Only actors with at least one name coined by this vendor (agencies have no vendors). */
  vendor?: string;
  /**
   * Ids to rank first among equally good hits: what the reader's page names, so of two agencies called
   * "Ministry of State Security" the one the article is about comes first. Not a filter.
   */
  prefer?: ReadonlySet<string>;
}

/** One entity as the search indexes it: its names only, so a caller can ship these alone (the CLI does). */
export interface SearchDoc {
  id: string;
  kind: 'actor' | 'agency';
  name: string;
  names: string;
  compact: string;
  country?: string;
  aliases: string[];
  /** Campaign and malware names on an actor's card: a search for one finds the actor, never as an alias. */
  related: string[];
  vendors: string[];
}

/** Case and diacritics never matter in a search box: "nukib" finds NÚKIB. ASCII (most names) skips NFD. */
const fold = (s: string) =>
  /^[\0-\x7f]*$/.test(s) ? s.toLowerCase() : s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Names without spaces or punctuation, so "apt 31" and "APT-31" meet "APT31". */
const squeeze = (s: string) => fold(s).replace(/[^\p{L}\p{N}]+/gu, '');

/** What the search indexes of a KB: each actor and agency with its names. */
export function searchDocs(kb: KnowledgeBase): SearchDoc[] {
  const out: SearchDoc[] = [];
  for (const a of kb.actors) {
    const aliases = a.aliases.map((x) => x.name).filter((n) => n !== a.name);
    const related = (a.relatedNames ?? []).map((r) => r.name);
    out.push({
      id: a.id,
      kind: 'actor',
      name: a.name,
      names: [...aliases, ...related].join(' | '),
      compact: [a.name, ...aliases, ...related].map(squeeze).join(' '),
      country: a.country,
      aliases,
      related,
      vendors: [...new Set(a.aliases.flatMap((x) => (x.source ? [x.source] : [])))],
    });
  }
  for (const g of kb.agencies) {
    const aliases = [...g.abbreviations, ...(g.otherNames ?? []), ...g.localNames];
    out.push({
      id: g.id,
      kind: 'agency',
      name: g.name,
      names: aliases.join(' | '),
      compact: [g.name, ...aliases].map(squeeze).join(' '),
      country: g.country,
      aliases,
      related: [],
      vendors: [],
    });
  }
  return out;
}

/** One entity's names, prepared once for tiering: squeezed whole, and squeezed from each word on. */
interface Prepared {
  names: string[];
  whole: string[];
  /** For each name, the squeezed tails starting at each word ("judgmentpanda", "panda"). */
  tails: string[][];
}

function prepare(d: Stored): Prepared {
  const names = [d.name, ...d.aliases, ...d.related];
  return {
    names,
    whole: names.map(squeeze),
    tails: names.map((n) => {
      const words = fold(n)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean);
      return words.map((_, i) => words.slice(i).join(''));
    }),
  };
}

/**
 * Edits (insert, delete, substitute, swap two neighbours) from a to b, or max + 1 once it is sure to exceed
 * max: a typo in a whole name costs one or two, a different name many.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** A typo of a whole name: at most one edit in four letters ("fancy bare" for Fancy Bear, not Head Mare). */
function closeName(p: Prepared, q: string): number {
  const max = Math.floor(q.length / 4);
  if (max === 0) return -1;
  let best = -1;
  let bestD = max + 1;
  p.whole.forEach((w, i) => {
    const d = editDistance(q, w, max);
    if (d < bestD) {
      best = i;
      bestD = d;
    }
  });
  return best;
}

/** How a hit ranks: its tier, and inside the fuzzy tier whether the whole phrase is a typo of one name. */
interface Tiered {
  tier: MatchTier;
  matched: string;
  /** 0 when the query is an exact, prefix or whole-phrase match; 1 when only some words matched. */
  partial: number;
}

/** Picks the name a query found and how: exact beats prefix (of the name or of a later word) beats fuzzy. */
function tierOf(p: Prepared, q: string, terms: readonly string[]): Tiered {
  const exact = p.whole.indexOf(q);
  if (exact >= 0) return { tier: 'exact', matched: p.names[exact]!, partial: 0 };
  let prefix = p.whole.findIndex((w) => w.startsWith(q));
  if (prefix < 0) prefix = p.tails.findIndex((tails) => tails.some((t) => t.startsWith(q)));
  if (prefix >= 0) return { tier: 'prefix', matched: p.names[prefix]!, partial: 0 };
  const close = closeName(p, q);
  if (close >= 0) return { tier: 'fuzzy', matched: p.names[close]!, partial: 0 };
  // A typo: the name that holds most of the terms MiniSearch matched.
  let best = 0;
  let bestHits = -1;
  p.names.forEach((n, i) => {
    const words = `${fold(n)} ${p.whole[i]}`;
    const hits = terms.filter((t) => words.includes(t)).length;
    if (hits > bestHits) {
      best = i;
      bestHits = hits;
    }
  });
  return { tier: 'fuzzy', matched: p.names[best]!, partial: 1 };
}

const TIER_ORDER: Record<MatchTier, number> = { exact: 0, prefix: 1, fuzzy: 2 };

/** A search function over one KB; build it once (indexing takes a few tens of milliseconds). */
export type Search = (query: string, limit?: number, filter?: SearchFilter) => SearchResult[];

/** Indexes the KB: names and aliases by word (fuzzy, prefix), plus whole names squeezed together. */
export function createSearch(kb: KnowledgeBase): Search {
  return searchOver(searchDocs(kb));
}

/** What the index keeps of each document: what ranking, filters and results read back. */
type Stored = Pick<SearchDoc, 'kind' | 'name' | 'country' | 'aliases' | 'related' | 'vendors'>;

const INDEX_OPTIONS = {
  fields: ['name', 'names', 'compact'],
  storeFields: ['kind', 'name', 'country', 'aliases', 'related', 'vendors'],
  processTerm: (t: string) => fold(t) || null,
};

function indexOf(all: SearchDoc[]): MiniSearch<SearchDoc> {
  const ms = new MiniSearch<SearchDoc>(INDEX_OPTIONS);
  ms.addAll(all);
  return ms;
}

/** Indexes documents made by `searchDocs`. */
export function searchOver(all: SearchDoc[]): Search {
  return searchIndex(indexOf(all));
}

/** The index over `all` as JSON, for a caller that indexes ahead of time (the CLI bundle). */
export function searchIndexJson(all: SearchDoc[]): string {
  return JSON.stringify(indexOf(all));
}

/** A search over what `searchIndexJson` wrote: loading it costs about a third less than indexing. */
export function searchFromJson(json: string): Search {
  return searchIndex(MiniSearch.loadJSON<SearchDoc>(json, INDEX_OPTIONS));
}

function searchIndex(ms: MiniSearch<SearchDoc>): Search {
  const stored = (id: string) => ms.getStoredFields(id) as Stored | undefined;
  const prepared = new Map<string, Prepared>();
  return (query, limit = 10, filter = {}) => {
    const words = query.trim();
    const q = squeeze(words);
    if (!q) return [];
    // A name typed in full, spacing aside, beats any partial or fuzzy hit.
    const boostDocument = (_id: unknown, _term: string, stored?: Record<string, unknown>) => {
      if (!stored) return 1;
      if (squeeze(stored.name as string) === q) return 8;
      return (stored.aliases as string[]).some((n) => squeeze(n) === q) ? 4 : 1;
    };
    const keep = (d: Stored | undefined) =>
      !!d &&
      (!filter.kind || d.kind === filter.kind) &&
      (!filter.country || d.country === filter.country) &&
      (!filter.vendor || d.vendors.includes(filter.vendor));
    const hits = ms.search(
      {
        combineWith: 'OR',
        queries: [
          { queries: [words], fields: ['name', 'names'], fuzzy: 0.2, prefix: true, boost: { name: 2 } },
          { queries: [q], fields: ['compact'], fuzzy: 0.15, prefix: true },
        ],
      },
      {
        boostDocument,
        ...(filter.kind || filter.country || filter.vendor
          ? { filter: (r: { id: unknown }) => keep(stored(String(r.id))) }
          : {}),
      },
    );
    const ranked = hits.map((h) => {
      const id = String(h.id);
      let p = prepared.get(id);
      if (!p) {
        p = prepare(stored(id)!);
        prepared.set(id, p);
      }
      return { h, id, ...tierOf(p, q, h.terms) };
    });
    // The tier comes first, then a typo of a whole name before a match of some of its words, then what the
    // page names, then MiniSearch's score.
    const preferred = (id: string) => (filter.prefer?.has(id) ? 0 : 1);
    ranked.sort(
      (a, b) =>
        TIER_ORDER[a.tier] - TIER_ORDER[b.tier] ||
        a.partial - b.partial ||
        preferred(a.id) - preferred(b.id) ||
        b.h.score - a.h.score ||
        // Equal scores in the id's order, not the index's: a loaded index orders its postings otherwise.
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    return ranked.slice(0, limit).map(({ h, id, tier, matched }) => ({
      id,
      kind: h.kind as SearchDoc['kind'],
      name: h.name as string,
      aliases: h.aliases as string[],
      matched,
      tier,
      ...(h.country ? { country: h.country as string } : {}),
      score: Math.round(h.score * 1000) / 1000,
    }));
  };
}

/** The countries and vendors the KB knows, for the popup's filters (sorted; vendors by name). */
export function searchFacets(kb: KnowledgeBase): { countries: string[]; vendors: string[] } {
  const countries = new Set<string>();
  const vendors = new Set<string>();
  for (const a of kb.actors) {
    if (a.country) countries.add(a.country);
    for (const x of a.aliases) if (x.source) vendors.add(x.source);
  }
  for (const g of kb.agencies) if (g.country) countries.add(g.country);
  return { countries: [...countries].sort(), vendors: [...vendors].sort((a, b) => a.localeCompare(b)) };
}
