/**
 * Turns the KB's name rows into the matcher's tables: one prefix tree over every name, and for each key
 * the rows it can mean with the written form each row demands.
 */
import { NameFlag, type NameRow } from '../kb/types';
import { nameKey, surfaceKey } from './chars';
import { Trie } from './trie';

/**
 * How a row's name must be written to count:
 * `plain` any case (all-lowercase needs cyber context); `exact` the KB's case only; `capsWord` an all-caps
 * code that is also a word ("HAFNIUM"): exact, or capitalized with the ordinary-word rules; `ordinary` a
 * dictionary word: capitalized with context.
 */
export type Form = 'plain' | 'exact' | 'capsWord' | 'ordinary';

/** One row as the matcher uses it. */
export interface Entry {
  row: NameRow;
  form: Form;
  /** The name without diacritics, case kept: what exact forms compare against. */
  exact: string;
  /** An agency acronym ("FSB", "NSA"): other fields use the same letters, so it needs agency context. */
  acronym: boolean;
  /** Whether the KB writes the name with capitals (then an all-lowercase mention needs context). */
  hasUpper: boolean;
}

/** The compiled tables. */
export interface Compiled {
  trie: Trie;
  groups: Entry[][];
}

/** Names up to this many letters are matched in their exact case: short strings collide with words. */
const SHORT = 4;
/** Bare ATT&CK ids (G0128, S0154) are references, not names a reader sees as an actor. */
const ATTACK_ID = /^[GS]\d{4}$/i;

function formOf(row: NameRow, exact: string): Form {
  const caseSensitive = (row.flags & (NameFlag.caseSensitive | NameFlag.short)) !== 0;
  if (exact.length <= SHORT) return 'exact';
  if (caseSensitive) return exact === exact.toUpperCase() && /^\p{L}+$/u.test(exact) ? 'capsWord' : 'exact';
  if (row.flags & NameFlag.ordinaryWord) return 'ordinary';
  return 'plain';
}

/** Compiles rows into the tree and its groups; cheap enough to run lazily in the content script. */
export function compile(rows: readonly NameRow[]): Compiled {
  const keys = new Map<string, number>();
  const groups: Entry[][] = [];
  const pending: { key: number[]; breaks: Set<number>; group: number }[] = [];
  let capacity = 1;
  for (const row of rows) {
    if (ATTACK_ID.test(row.name)) continue;
    const { key, breaks } = nameKey(row.name);
    if (key.length === 0) continue;
    const exact = surfaceKey(row.name);
    const entry: Entry = {
      row,
      form: formOf(row, exact),
      exact,
      acronym: row.kind === 'agency' && exact.length <= SHORT && /^\p{Lu}+$/u.test(exact),
      hasUpper: /\p{Lu}/u.test(exact),
    };
    const id = key.join(',');
    let group = keys.get(id);
    if (group === undefined) {
      group = groups.length;
      keys.set(id, group);
      groups.push([]);
      pending.push({ key, breaks, group });
      capacity += key.length;
    } else {
      const known = pending[group]!;
      for (const b of breaks) known.breaks.add(b);
    }
    groups[group]!.push(entry);
  }
  const trie = new Trie(capacity);
  for (const p of pending) trie.add(p.key, p.breaks, p.group);
  return { trie, groups };
}
