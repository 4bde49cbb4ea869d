/**
 * The overlay's matcher, built by the background once per overlay change and handed to every tab through
 * extension storage: the rows (one per name) and the compiled tree, as plain data. A tab only checks the
 * shape and wraps it (no folding or inserting of names at page load), then scans each text with it beside
 * the bundled matcher. The names the reader typed count as distinctive (they chose them) and need no
 * context; names from a file need what a bundled name of their risk class needs. All end on word boundaries
 * and are never looked for in code or editable fields (the page's text is
 * collected the same way for both matchers).
 */
import { PackedNameTable } from '../kb/name-table';
import { NameFlag, type NameRow } from '../kb/types';
import { nameKey } from '../match/chars';
import { Compiled, compileData, type MatcherData } from '../match/compile';
import { precededByProperName } from '../match/context';
import { isCountryWord } from '../match/countries';
import {
  bundledTables,
  type FindOptions,
  findMentions,
  type Matcher,
  matcherOver,
  pairedMatcher,
} from '../match/find-mentions';
import type { Mention } from '../match/types';
import { decodeUint16 } from '../match/uint16-base64';
import type { Overlay } from './model';

/** Format version of the stored matcher: bump when its shape changes (a tab ignores any other). */
export const OVERLAY_MATCHER_VERSION = 2;

/** The key in `storage.local` the background writes the compiled overlay matcher under. */
export const OVERLAY_MATCHER_KEY = 'overlayMatcher';

/**
 * The stored matcher: the rows packed as the bundled name table is (a line per entity, a line per name,
 * split only when a page first hits a name), and the tables compiled from them. A few strings cost a tab
 * next to nothing to receive and check, where hundreds of row objects would each be built at load.
 */
export interface OverlayMatcherFile {
  version: typeof OVERLAY_MATCHER_VERSION;
  /** One entity per line: id, kind, canonical name, country, agency kind (tab-separated). */
  entities: string;
  /** One name per line: the name, its entity's line, its flags (tab-separated). */
  names: string;
  data: MatcherData;
}

/** What the overlay needs to know about a bundled entity it adds names to. */
export interface BundledFacts {
  kind: 'actor' | 'agency';
  name: string;
  country?: string;
  agencyKind?: NameRow['agencyKind'];
}

/**
 * One name-table row per name of the overlay: own entities under their ids, added names under the bundled id.
 * A name from a file gets `importedFlags` (its risk class: ./name-risk.ts, handed in so tabs, which only load
 * the rows, never carry its word table); a name the reader typed counts as distinctive.
 */
export function overlayNameRows(
  overlay: Overlay,
  bundled: (id: string) => BundledFacts | undefined,
  importedFlags: (name: string) => number = () => 0,
): NameRow[] {
  const rows: NameRow[] = [];
  for (const e of overlay.entities) {
    const names = [
      { name: e.name, imported: e.origin !== undefined },
      ...e.aliases.map((a) => ({ name: a.name, imported: a.imported === true })),
    ];
    for (const { name, imported } of names) {
      rows.push({
        name,
        id: e.id,
        kind: e.kind,
        flags: imported ? importedFlags(name) : 0,
        canonical: e.name,
        ...(e.country ? { country: e.country } : {}),
      });
    }
  }
  for (const x of overlay.extensions) {
    const b = bundled(x.extends);
    if (!b) continue;
    for (const a of x.aliases) {
      rows.push({
        name: a.name,
        id: x.extends,
        kind: b.kind,
        flags: a.imported ? importedFlags(a.name) : 0,
        canonical: b.name,
        ...(b.country ? { country: b.country } : {}),
        ...(b.agencyKind ? { agencyKind: b.agencyKind } : {}),
      });
    }
  }
  return rows;
}

/** Compiles the overlay's rows into what tabs load (the background's step, once per change). */
export function buildOverlayMatcher(rows: readonly NameRow[]): OverlayMatcherFile {
  const entityLine = new Map<string, number>();
  const entities: string[] = [];
  const names: string[] = [];
  for (const r of rows) {
    let line = entityLine.get(r.id);
    if (line === undefined) {
      line = entities.length;
      entityLine.set(r.id, line);
      entities.push([r.id, r.kind, r.canonical, r.country ?? '', r.agencyKind ?? ''].join('\t'));
    }
    names.push(`${r.name}\t${line}\t${r.flags}`);
  }
  return {
    version: OVERLAY_MATCHER_VERSION,
    entities: entities.join('\n'),
    names: names.join('\n'),
    data: compileData(rows),
  };
}

/** What a stored row that does not fit becomes: a name no text holds. */
const UNUSABLE_ROW: NameRow = { name: '\u0000', id: 'ours-unusable', kind: 'actor', flags: 0, canonical: '' };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const isString = (x: unknown): x is string => typeof x === 'string';

/** How many lines a string has (without splitting it). */
function lineCount(s: string): number {
  let n = 1;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The tables of a stored overlay matcher, after checking their shape (storage is ours, but a tab trusts no
 * data it did not check): undefined for anything but what `buildOverlayMatcher` writes, or for an overlay
 * with no names.
 */
export function loadOverlayTables(raw: unknown): Compiled | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const file = raw as Partial<OverlayMatcherFile>;
  const data = file.data as Partial<MatcherData> | undefined;
  if (file.version !== OVERLAY_MATCHER_VERSION || !isString(file.entities) || !isString(file.names))
    return undefined;
  if (typeof data !== 'object' || data === null || !isString(data.labels)) return undefined;
  const { first, accept, sep, groupStarts, groupRows } = data;
  for (const b of [first, accept, sep, groupStarts, groupRows])
    if (!isString(b) || !BASE64.test(b)) return undefined;
  const rowCount = file.names ? lineCount(file.names) : 0;
  if (rowCount === 0 || data.rows !== rowCount) return undefined;
  // Every group must point at rows that exist, every node at a group that exists.
  const starts = decodeUint16(groupStarts!);
  const members = decodeUint16(groupRows!);
  if (starts.at(-1) !== members.length) return undefined;
  for (const r of members) if (r >= rowCount) return undefined;
  const acc = decodeUint16(accept!);
  for (let i = 1; i < acc.length; i += 2) if (acc[i]! >= starts.length - 1) return undefined;
  const table = new PackedNameTable(file.entities, file.names);
  return new Compiled(data as MatcherData, (i) => {
    // A row is checked when a page first hits it: one that does not fit stands for nothing findable.
    try {
      const row = table.row(i);
      if ((row.kind === 'actor' || row.kind === 'agency') && row.id && row.name) return row;
    } catch {
      // Its entity line does not exist.
    }
    return UNUSABLE_ROW;
  });
}

/** The reader's names marked so: painted only in the private layer, never in the page's highlights. */
function markOurs(found: Mention[]): Mention[] {
  for (const m of found) m.ours = true;
  return found;
}

/** A matcher over a stored overlay matcher alone (tests, tools); undefined when it does not check out. */
export function loadOverlayMatcher(raw: unknown): Matcher | undefined {
  const tables = loadOverlayTables(raw);
  if (!tables) return undefined;
  const inner = matcherOver(tables);
  return { findMentions: (text, options) => markOurs(inner.findMentions(text, options)) };
}

/**
 * What a tab scans with: the bundled names and, when there are any, the reader's, in one walk over each
 * text (their characters are classified once for both tables), merged by `mergeMentions`.
 */
export function findWithOverlay(
  ours: Compiled | undefined,
): (text: string, options?: FindOptions) => Mention[] {
  if (!ours) return findMentions;
  const pair = pairedMatcher(bundledTables(), ours);
  const needsContext = contextNames(ours);
  return (text, options) => {
    const [bundled, own] = pair.findMentions(text, options);
    const kept = own.filter(
      (m) =>
        !(
          needsContext().has(`${m.id}\t${nameKeyOf(m.text)}`) &&
          precededByProperName(text, m.start, isCountryWord)
        ),
    );
    return mergeMentions(bundled, markOurs(kept));
  };
}

const nameKeyOf = (name: string) => String.fromCharCode(...nameKey(name).key);

/**
 * The overlay's names that need context (a file's generic and coined names), as `id\tkey`, built when a
 * page first has an own mention. Such a name right after a capitalized word is part of a longer proper
 * name ("Betsy DeVos", "Man Haron Monis"), as the bundled generic names are: the reader's typed names are
 * exempt, as they are from every context rule.
 */
function contextNames(ours: Compiled): () => ReadonlySet<string> {
  let names: Set<string> | undefined;
  return () => {
    if (!names) {
      names = new Set();
      for (let i = 0; i < ours.rowCount; i++) {
        const row = ours.row(i);
        if (row.flags & (NameFlag.generic | NameFlag.coinage)) names.add(`${row.id}\t${nameKeyOf(row.name)}`);
      }
    }
    return names;
  };
}

/**
 * The bundled matcher's mentions with the overlay's added: an overlay mention that overlaps a bundled one is
 * dropped, so the page's public highlights are the same with or without an overlay. Both lists are in text
 * order, and so is the result.
 */
export function mergeMentions(bundled: Mention[], ours: readonly Mention[]): Mention[] {
  if (ours.length === 0) return bundled;
  const out: Mention[] = [];
  let i = 0;
  for (const m of ours) {
    while (i < bundled.length && bundled[i]!.end <= m.start) out.push(bundled[i++]!);
    if (i < bundled.length && bundled[i]!.start < m.end) continue;
    out.push(m);
  }
  while (i < bundled.length) out.push(bundled[i++]!);
  return out;
}
