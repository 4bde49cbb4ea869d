import { loadNameTable } from '../kb/names';
import { type NameRow, NameFlag } from '../kb/types';
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

const WORD = /[\p{L}\p{N}]/u;

/** Builds a matcher over the given names (placeholder: plain search, replaced by the compiled matcher). */
export function createMatcher(rows: readonly NameRow[]): Matcher {
  return {
    findMentions(text) {
      const found: Mention[] = [];
      const lower = text.toLowerCase();
      for (const row of rows) {
        const exact = (row.flags & NameFlag.caseSensitive) !== 0;
        const hay = exact ? text : lower;
        const needle = exact ? row.name : row.name.toLowerCase();
        for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
          const end = i + needle.length;
          if (WORD.test(text[i - 1] ?? '') || WORD.test(text[end] ?? '')) continue;
          found.push({
            start: i,
            end,
            text: text.slice(i, end),
            kind: row.kind,
            id: row.id,
            name: row.canonical,
            ...(row.country ? { country: row.country } : {}),
            confidence: 1,
          });
        }
      }
      found.sort((a, b) => a.start - b.start || b.end - a.end);
      const kept: Mention[] = [];
      for (const m of found) if (!kept.length || m.start >= (kept.at(-1) as Mention).end) kept.push(m);
      return kept;
    },
  };
}

let shared: Matcher | undefined;

/** Finds every actor and agency mention in `text` using the bundled name table. */
export function findMentions(text: string, options?: FindOptions): Mention[] {
  shared ??= createMatcher(loadNameTable());
  return shared.findMentions(text, options);
}
