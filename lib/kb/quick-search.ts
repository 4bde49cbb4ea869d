import type { NameRow } from './types';

/** One search hit: an entity and the name of it that matched. */
export interface QuickHit {
  id: string;
  kind: 'actor' | 'agency';
  name: string;
  matched: string;
}

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/** Finds entities by any name (prefix, then substring), one hit per entity. */
export function quickSearch(rows: readonly NameRow[], query: string, limit = 20): QuickHit[] {
  const q = fold(query);
  if (!q) return [];
  const best = new Map<string, { hit: QuickHit; rank: number }>();
  for (const r of rows) {
    const f = fold(r.name);
    const rank = f === q ? 0 : f.startsWith(q) ? 1 : f.includes(q) ? 2 : -1;
    if (rank < 0) continue;
    const prev = best.get(r.id);
    if (!prev || rank < prev.rank)
      best.set(r.id, { hit: { id: r.id, kind: r.kind, name: r.canonical, matched: r.name }, rank });
  }
  return [...best.values()]
    .sort((a, b) => a.rank - b.rank || a.hit.name.localeCompare(b.hit.name))
    .slice(0, limit)
    .map((b) => b.hit);
}
