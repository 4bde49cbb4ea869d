/**
 * What the overlay as a whole must satisfy beyond each entry's shape (lib/overlay/model.ts): ids and keys
 * once each, extensions of bundled entities that exist, sponsors that are agencies, and names that the
 * matcher can find and that mean one entity only, never a stop word or one too short (./usable-name.ts), so no
 * path (the editor, an import, an incidents file) can plant one. A name the bundled KB already has is refused: the page's
 * public highlights never depend on the overlay, so such a name would never be painted as the reader's.
 */
import { getEntity } from '../kb/index';
import { loadNameTable } from '../kb/names';
import { Cls, classOf } from '../match/chars';
import { compileData } from '../match/compile';
import { Trie } from '../match/trie';
import { matchKey } from './match-key';
import type { BundledFacts } from './matcher';
import {
  entryKey,
  isExtension,
  MAX_OVERLAY_ENTRIES,
  MAX_OVERLAY_NAME_CHARS,
  MAX_OVERLAY_NAMES,
  namesOf,
  type Overlay,
  type OverlayEntry,
} from './model';
import { unusableName } from './usable-name';

/** One problem, tied to the entry (its key) and field it is about, in words the editor can show. */
export interface OverlayProblem {
  /** The entry's key (`entryKey`), or '' for the overlay as a whole. */
  key: string;
  field: 'id' | 'name' | 'aliases' | 'sponsor' | 'extends' | 'overlay';
  message: string;
}

/** What validation needs from the bundled KB (tests pass a small one). */
export interface BundledIndex {
  facts(id: string): BundledFacts | undefined;
  /** Ids of the bundled entities that have a name with this key (`matchKey`). */
  named(key: string): readonly string[];
}

let bundled: BundledIndex | undefined;

/** The bundled KB's ids and names, indexed once (the background and the dashboard). */
export function bundledIndex(): BundledIndex {
  if (bundled) return bundled;
  const byKey = new Map<string, string[]>();
  for (const row of loadNameTable()) {
    const k = matchKey(row.name);
    const ids = byKey.get(k);
    if (!ids) byKey.set(k, [row.id]);
    else if (!ids.includes(row.id)) ids.push(row.id);
  }
  bundled = {
    facts(id) {
      const found = getEntity(id);
      if (!found || found.entity.id !== id) return undefined;
      const e = found.entity;
      return found.kind === 'actor'
        ? { kind: 'actor', name: e.name, ...(e.country ? { country: e.country } : {}) }
        : {
            kind: 'agency',
            name: e.name,
            ...(e.country ? { country: e.country } : {}),
            agencyKind: found.entity.kind,
          };
    },
    named: (key) => byKey.get(key) ?? [],
  };
  return bundled;
}

/** Whether the matcher finds `name` written as it is (punctuation inside a name ends it on a page). */
function findableIn(trie: Trie, name: string, out: number[]): boolean {
  let start = 0;
  while (start < name.length && !isLetter(name.charCodeAt(start))) start++;
  let end = name.length;
  while (end > start && !isLetter(name.charCodeAt(end - 1)) && classOf(name.charCodeAt(end - 1)) !== Cls.mark)
    end--;
  const n = trie.walk(name, start, out);
  for (let i = 0; i < n; i++) if (out[i * 2] === end) return true;
  return false;
}

function isLetter(code: number): boolean {
  const c = classOf(code);
  return c === Cls.word || c === Cls.ideo;
}

/** Every problem of an overlay against the bundled KB, in entry order (an empty list: it can be stored). */
export function overlayProblems(overlay: Overlay, kb: BundledIndex = bundledIndex()): OverlayProblem[] {
  const problems: OverlayProblem[] = [];
  const entries: OverlayEntry[] = [...overlay.entities, ...overlay.extensions];
  if (entries.length > MAX_OVERLAY_ENTRIES) {
    problems.push({
      key: '',
      field: 'overlay',
      message: `${entries.length} entries; your KB holds at most ${MAX_OVERLAY_ENTRIES}.`,
    });
    return problems;
  }
  const ownKinds = new Map<string, 'actor' | 'agency'>();
  const keys = new Set<string>();
  for (const e of entries) {
    const key = entryKey(e);
    if (keys.has(key)) {
      problems.push({
        key,
        field: isExtension(e) ? 'extends' : 'id',
        message: isExtension(e) ? `${key} is extended twice.` : `The id ${key} is used twice.`,
      });
    }
    keys.add(key);
    if (!isExtension(e)) ownKinds.set(e.id, e.kind);
  }
  // Which entry holds each name (by matcher key), to refuse a name that would mean two entities.
  const owner = new Map<string, { key: string; label: string }>();
  let names = 0;
  let chars = 0;
  const rowNames: string[] = [];
  for (const e of entries) {
    const key = entryKey(e);
    let label: string;
    let list: string[];
    if (isExtension(e)) {
      const facts = kb.facts(e.extends);
      if (!facts) {
        problems.push({ key, field: 'extends', message: `${e.extends} is not an entity of the bundled KB.` });
        continue;
      }
      label = facts.name;
      list = e.aliases.map((a) => a.name);
    } else {
      label = e.name;
      list = namesOf(e);
      if (e.sponsor) {
        const kind = ownKinds.get(e.sponsor) ?? kb.facts(e.sponsor)?.kind;
        if (e.kind !== 'actor') {
          problems.push({ key, field: 'sponsor', message: 'Only an actor has a sponsor.' });
        } else if (kind !== 'agency') {
          problems.push({
            key,
            field: 'sponsor',
            message: kind
              ? `The sponsor ${e.sponsor} is not an agency.`
              : `No agency has the id ${e.sponsor}.`,
          });
        }
      }
    }
    const mine = new Set<string>();
    for (const name of list) {
      names++;
      chars += name.length;
      rowNames.push(name);
      const k = matchKey(name);
      const field = name === label && !isExtension(e) ? 'name' : 'aliases';
      if (mine.has(k)) {
        problems.push({ key, field, message: `“${name}” is listed twice.` });
        continue;
      }
      mine.add(k);
      const unusable = unusableName(name);
      if (unusable) {
        problems.push({ key, field, message: `“${name}” cannot be a name: ${unusable}.` });
        continue;
      }
      const taken = kb.named(k);
      if (taken.length > 0) {
        const which = taken.map((id) => kb.facts(id)?.name ?? id).join(', ');
        problems.push({
          key,
          field,
          message:
            isExtension(e) && taken.includes(e.extends)
              ? `“${name}” is already a name of ${label} in the bundled KB.`
              : `“${name}” is already a name of ${which} in the bundled KB; add a name there instead (Extra names).`,
        });
        continue;
      }
      const other = owner.get(k);
      if (other && other.key !== key) {
        problems.push({ key, field, message: `“${name}” is already a name of ${other.label} in your KB.` });
        continue;
      }
      owner.set(k, { key, label });
    }
  }
  if (names > MAX_OVERLAY_NAMES || chars > MAX_OVERLAY_NAME_CHARS) {
    problems.push({
      key: '',
      field: 'overlay',
      message: `Your KB has ${names} names (${chars} characters); the most it can match is ${MAX_OVERLAY_NAMES} names of ${MAX_OVERLAY_NAME_CHARS} characters in all.`,
    });
    return problems;
  }
  if (problems.length === 0 && rowNames.length > 0) {
    const trie = new Trie(
      compileData(rowNames.map((name) => ({ name, id: 'x', kind: 'actor', flags: 0, canonical: name }))),
    );
    const out: number[] = [];
    for (const e of entries) {
      const list = isExtension(e) ? e.aliases.map((a) => a.name) : namesOf(e);
      for (const name of list) {
        if (!findableIn(trie, name, out)) {
          problems.push({
            key: entryKey(e),
            field: name === (isExtension(e) ? undefined : e.name) ? 'name' : 'aliases',
            message: `“${name}” cannot be found on a page as written: a name may hold letters, digits, spaces, hyphens, dots and underscores, one at a time.`,
          });
        }
      }
    }
  }
  return problems;
}
