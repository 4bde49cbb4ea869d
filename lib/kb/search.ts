/**
 * Search actors and agencies by any name, typos forgiven. One implementation for the popup and the CLI:
 * pure TypeScript on MiniSearch, no Node or browser APIs.
 */
import MiniSearch from 'minisearch';
import type { KnowledgeBase } from './types';

/** One hit, best first. */
export interface SearchResult {
  id: string;
  kind: 'actor' | 'agency';
  name: string;
  /** Every other name of the entity (aliases; or abbreviations, English and native names). */
  aliases: string[];
  country?: string;
  score: number;
}

interface Doc {
  id: string;
  kind: 'actor' | 'agency';
  name: string;
  names: string;
  compact: string;
  country?: string;
  aliases: string[];
}

/** Case and diacritics never matter in a search box: "nukib" finds NÚKIB. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Names without spaces or punctuation, so "apt 31" and "APT-31" meet "APT31". */
const squeeze = (s: string) => fold(s).replace(/[^\p{L}\p{N}]+/gu, '');

function docs(kb: KnowledgeBase): Doc[] {
  const out: Doc[] = [];
  for (const a of kb.actors) {
    const aliases = a.aliases.map((x) => x.name).filter((n) => n !== a.name);
    out.push({
      id: a.id,
      kind: 'actor',
      name: a.name,
      names: aliases.join(' | '),
      compact: [a.name, ...aliases].map(squeeze).join(' '),
      country: a.country,
      aliases,
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
    });
  }
  return out;
}

/** A search function over one KB; build it once (indexing takes a few tens of milliseconds). */
export type Search = (query: string, limit?: number) => SearchResult[];

/** Indexes the KB: names and aliases by word (fuzzy, prefix), plus whole names squeezed together. */
export function createSearch(kb: KnowledgeBase): Search {
  const ms = new MiniSearch<Doc>({
    fields: ['name', 'names', 'compact'],
    storeFields: ['kind', 'name', 'country', 'aliases'],
    processTerm: (t) => fold(t) || null,
  });
  ms.addAll(docs(kb));
  return (query, limit = 10) => {
    const words = query.trim();
    if (!words) return [];
    const exact = squeeze(words);
    // A name typed in full, spacing aside, beats any partial or fuzzy hit.
    const boostDocument = (_id: unknown, _term: string, stored?: Record<string, unknown>) => {
      if (!stored) return 1;
      if (squeeze(stored.name as string) === exact) return 8;
      return (stored.aliases as string[]).some((n) => squeeze(n) === exact) ? 4 : 1;
    };
    const hits = ms.search(
      {
        combineWith: 'OR',
        queries: [
          { queries: [words], fields: ['name', 'names'], fuzzy: 0.2, prefix: true, boost: { name: 2 } },
          { queries: [squeeze(words)], fields: ['compact'], fuzzy: 0.15, prefix: true },
        ],
      },
      { boostDocument },
    );
    return hits.slice(0, limit).map((h) => ({
      id: String(h.id),
      kind: h.kind as Doc['kind'],
      name: h.name as string,
      aliases: h.aliases as string[],
      ...(h.country ? { country: h.country as string } : {}),
      score: Math.round(h.score * 1000) / 1000,
    }));
  };
}
