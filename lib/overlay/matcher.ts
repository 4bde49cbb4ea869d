/**
 * The overlay's matcher, built by the background once per overlay change and handed to every tab through
 * extension storage: the rows (one per name) and the compiled tree, as plain data. A tab only checks the
 * shape and wraps it (no folding or inserting of names at page load), then scans each text with it beside
 * the bundled matcher. The reader's names count as distinctive (they chose them): they need no context,
 * but still end on word boundaries and are never looked for in code or editable fields (the page's text is
 * collected the same way for both matchers).
 */
import type { NameRow, NameTableFile } from '../kb/types';
import { Compiled, compileData, type MatcherData } from '../match/compile';
import { type Matcher, matcherOver } from '../match/find-mentions';
import type { Mention } from '../match/types';
import { decodeUint16 } from '../match/uint16-base64';
import { namesOf, type Overlay } from './model';

/** Format version of the stored matcher: bump when its shape changes (a tab ignores any other). */
export const OVERLAY_MATCHER_VERSION = 1;

/** The key in `storage.local` the background writes the compiled overlay matcher under. */
export const OVERLAY_MATCHER_KEY = 'overlayMatcher';

/** The stored matcher: every name as a name-table row, and the tables compiled from them. */
export interface OverlayMatcherFile {
  version: typeof OVERLAY_MATCHER_VERSION;
  rows: NameTableFile['rows'];
  data: MatcherData;
}

/** What the overlay needs to know about a bundled entity it adds names to. */
export interface BundledFacts {
  kind: 'actor' | 'agency';
  name: string;
  country?: string;
  agencyKind?: NameRow['agencyKind'];
}

/** One name-table row per name of the overlay: own entities under their ids, added names under the bundled id. */
export function overlayNameRows(
  overlay: Overlay,
  bundled: (id: string) => BundledFacts | undefined,
): NameRow[] {
  const rows: NameRow[] = [];
  for (const e of overlay.entities) {
    for (const name of namesOf(e)) {
      rows.push({
        name,
        id: e.id,
        kind: e.kind,
        flags: 0,
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
        flags: 0,
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
  return {
    version: OVERLAY_MATCHER_VERSION,
    rows: rows.map(
      (r) =>
        [
          r.name,
          r.id,
          r.kind,
          r.flags,
          r.canonical,
          r.country ?? '',
          r.agencyKind ?? '',
        ] as NameTableFile['rows'][number],
    ),
    data: compileData(rows),
  };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const isString = (x: unknown): x is string => typeof x === 'string';

/** The row tuples as rows, or undefined when one is not the shape `buildOverlayMatcher` writes. */
function rowsOf(raw: unknown): NameRow[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const rows: NameRow[] = [];
  for (const t of raw) {
    if (!Array.isArray(t) || !isString(t[0]) || !isString(t[1]) || !isString(t[4])) return undefined;
    if ((t[2] !== 'actor' && t[2] !== 'agency') || typeof t[3] !== 'number') return undefined;
    const row: NameRow = { name: t[0], id: t[1], kind: t[2], flags: t[3], canonical: t[4] };
    if (isString(t[5]) && t[5]) row.country = t[5];
    if (isString(t[6]) && t[6]) row.agencyKind = t[6] as NameRow['agencyKind'];
    rows.push(row);
  }
  return rows;
}

/**
 * A matcher over a stored overlay matcher, after checking its shape (storage is ours, but a tab trusts no
 * data it did not check): undefined for anything but what `buildOverlayMatcher` writes, or for an overlay
 * with no names. Its mentions carry `ours`, so they are painted only in the private layer.
 */
export function loadOverlayMatcher(raw: unknown): Matcher | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const file = raw as Partial<OverlayMatcherFile>;
  if (file.version !== OVERLAY_MATCHER_VERSION) return undefined;
  const rows = rowsOf(file.rows);
  const data = file.data as Partial<MatcherData> | undefined;
  if (!rows || rows.length === 0 || typeof data !== 'object' || data === null) return undefined;
  const { labels, first, accept, sep, groupStarts, groupRows } = data;
  if (!isString(labels) || data.rows !== rows.length) return undefined;
  for (const b of [first, accept, sep, groupStarts, groupRows])
    if (!isString(b) || !BASE64.test(b)) return undefined;
  // Every group must point at rows that exist, every node at a group that exists.
  const starts = decodeUint16(groupStarts!);
  const members = decodeUint16(groupRows!);
  if (starts.at(-1) !== members.length || members.some((r) => r >= rows.length)) return undefined;
  const acc = decodeUint16(accept!);
  for (let i = 1; i < acc.length; i += 2) if (acc[i]! >= starts.length - 1) return undefined;
  const inner = matcherOver(new Compiled(data as MatcherData, (i) => rows[i]!));
  return {
    findMentions(text, options) {
      const found = inner.findMentions(text, options);
      for (const m of found) m.ours = true;
      return found;
    },
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
