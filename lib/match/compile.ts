/**
 * Turns the KB's name rows into the matcher's tables: one prefix tree over every name, and for each key
 * the rows it can mean. The tables are plain data (`MatcherData`), so the KB compiler ships them prebuilt
 * in `data/kb/tables.json`; what each row demands of its written form is worked out only for the
 * rows a text actually hits.
 */
import { NameFlag, type NameRow } from '../kb/types';
import { nameKey, surfaceKey } from './chars';
import { Trie, TrieBuilder, type TrieData } from './trie';
import { decodeUint16, encodeUint16 } from './uint16-base64';

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
  /** The name's risk class from the KB build (scripts/kb/risk.ts): what evidence it needs to count. */
  risk: 'distinctive' | 'coinage' | 'generic';
}

/** The compiled tables as data: what the matcher part of `data/kb/tables.json` holds. */
export interface MatcherData extends TrieData {
  /** How many name rows the tables were compiled from. */
  rows: number;
  /** Group g's rows are `groupRows[groupStarts[g]]` up to `groupRows[groupStarts[g + 1]]` (`encodeUint16`). */
  groupStarts: string;
  /** Row indices (into the name table) of every group, group after group. */
  groupRows: string;
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

function entryOf(row: NameRow): Entry {
  const exact = surfaceKey(row.name);
  return {
    row,
    form: formOf(row, exact),
    exact,
    acronym: row.kind === 'agency' && exact.length <= SHORT && /^\p{Lu}+$/u.test(exact),
    hasUpper: /\p{Lu}/u.test(exact),
    risk: row.flags & NameFlag.generic ? 'generic' : row.flags & NameFlag.coinage ? 'coinage' : 'distinctive',
  };
}

/** Compiles rows into the tree and its groups (the KB compiler's step, and tests' own small tables). */
export function compileData(rows: readonly NameRow[]): MatcherData {
  const keys = new Map<string, number>();
  const members: number[][] = [];
  const pending: { key: number[]; breaks: Set<number> }[] = [];
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    if (ATTACK_ID.test(row.name)) continue;
    const { key, breaks } = nameKey(row.name);
    if (key.length === 0) continue;
    const id = key.join(',');
    let group = keys.get(id);
    if (group === undefined) {
      group = members.length;
      keys.set(id, group);
      members.push([]);
      pending.push({ key, breaks });
    } else {
      for (const b of breaks) pending[group]!.breaks.add(b);
    }
    members[group]!.push(index);
  }
  let capacity = 1;
  for (const p of pending) capacity += p.key.length;
  const builder = new TrieBuilder(capacity);
  for (let group = 0; group < pending.length; group++) {
    builder.add(pending[group]!.key, pending[group]!.breaks, group);
  }
  const groupStarts = [0];
  for (const m of members) groupStarts.push(groupStarts.at(-1)! + m.length);
  return {
    ...builder.data(),
    rows: rows.length,
    groupStarts: encodeUint16(groupStarts),
    groupRows: encodeUint16(members.flat()),
  };
}

/** The loaded tables: the tree, and each group's entries made on first use. */
export class Compiled {
  readonly trie: Trie;
  private readonly entries = new Map<number, Entry[]>();
  private readonly groupStarts: Uint16Array;
  private readonly groupRows: Uint16Array;

  /** `row(i)`: the name table's i-th row (decoded on demand when the table is the bundled one). */
  constructor(
    private readonly data: MatcherData,
    readonly row: (index: number) => NameRow,
  ) {
    this.trie = new Trie(data);
    this.groupStarts = decodeUint16(data.groupStarts);
    this.groupRows = decodeUint16(data.groupRows);
  }

  /** How many rows the name table has. */
  get rowCount(): number {
    return this.data.rows;
  }

  /** The rows a group of the tree stands for, with their written-form rules. */
  group(group: number): Entry[] {
    let list = this.entries.get(group);
    if (!list) {
      list = [];
      for (let i = this.groupStarts[group]!; i < this.groupStarts[group + 1]!; i++) {
        list.push(entryOf(this.row(this.groupRows[i]!)));
      }
      this.entries.set(group, list);
    }
    return list;
  }
}
