/**
 * The background's side of the overlay: the one writer of its store, the holder of the lookup cards use,
 * and the builder of the matcher tabs load (once per change, never per page).
 */

import { type OverlayDb, readOverlay } from './db';
import { OverlayLookup } from './lookup';
import { matchKey } from './match-key';
import { buildOverlayMatcher, type OverlayMatcherFile, overlayNameRows } from './matcher';
import { entryKey, isExtension, namesOf, type Overlay, type OverlayEntry } from './model';
import { importedNameFlags, importedNameRisk } from './name-risk';
import { applyBatch, type UncheckedBatch, writeOverlay } from './store';
import { bundledIndex, type OverlayProblem, overlayProblems } from './validate';

/** What an overlay write answers: the counts, or every reason it was refused (nothing was written). */
export type OverlayWriteReport =
  | { ok: true; added: number; updated: number; removed: number }
  | { ok: false; problems: OverlayProblem[] };

/** What restoring a backup file's own-KB entries does: the counts, and every name it adds and to what. */
export interface OverlayRestoreCounts {
  add: number;
  update: number;
  unchanged: number;
  /**
   * Each name the file adds (to an entity of the reader's KB or to a bundled one) and its risk class
   * (./name-risk.ts): a common word (`generic`) or a coined one (`coinage`) needs context on a page.
   */
  names: { name: string; to: string; risk: 'distinctive' | 'coinage' | 'generic' }[];
}

/** The browser pieces the service needs, passed in so tests can supply fakes. */
export interface OverlayServiceDeps {
  open(): Promise<OverlayDb>;
  /** Stores the matcher for every tab (null: no names). */
  publish(file: OverlayMatcherFile | null): Promise<void>;
  /** Tells open extension pages the overlay changed. */
  announce(): void;
  now(): string;
}

/** The compiled matcher for an overlay, or null when it has no names. */
export function matcherFileFor(overlay: Overlay): OverlayMatcherFile | null {
  const rows = overlayNameRows(overlay, (id) => bundledIndex().facts(id), importedNameFlags);
  return rows.length ? buildOverlayMatcher(rows) : null;
}

/** Where a restored entity came from when the file does not say. */
export const RESTORED_ORIGIN = 'an incidents file';

/**
 * An entry as a file gives it, with every name marked as the file's: a file names whatever it likes, so its
 * names get their risk class whatever the file claims about who typed them.
 */
function fromFile(entry: OverlayEntry): OverlayEntry {
  const aliases = entry.aliases.map((a) => ({ ...a, imported: true as const }));
  if (isExtension(entry)) return { ...entry, aliases };
  return { ...entry, aliases, origin: entry.origin ?? RESTORED_ORIGIN };
}

/** The names an entry adds over the stored one (by the matcher's key), to what, and which need context. */
function addedNames(entry: OverlayEntry, old: OverlayEntry | undefined): OverlayRestoreCounts['names'] {
  const had = new Set(
    old ? (isExtension(old) ? old.aliases.map((a) => a.name) : namesOf(old)).map(matchKey) : [],
  );
  const to = isExtension(entry) ? (bundledIndex().facts(entry.extends)?.name ?? entry.extends) : entry.name;
  const list = isExtension(entry) ? entry.aliases.map((a) => a.name) : namesOf(entry);
  return list
    .filter((n) => !had.has(matchKey(n)))
    .map((name) => ({ name, to, risk: importedNameRisk(name) }));
}

/** The overlay as the background serves it. */
export class OverlayService {
  private lookupPromise: Promise<OverlayLookup> | undefined;

  constructor(private readonly deps: OverlayServiceDeps) {}

  /** The bundled KB with the reader's overlay over it (read once, then kept until a write). */
  lookup(): Promise<OverlayLookup> {
    this.lookupPromise ??= this.deps
      .open()
      .then(readOverlay)
      .then(({ overlay }) => new OverlayLookup(overlay))
      .catch((e: unknown) => {
        this.lookupPromise = undefined;
        throw e;
      });
    return this.lookupPromise;
  }

  /** Writes one batch all or nothing; on success rebuilds the tabs' matcher and tells the pages. */
  async write(batch: UncheckedBatch): Promise<OverlayWriteReport> {
    const r = await writeOverlay(await this.deps.open(), batch, this.deps.now());
    if (!r.ok) return r;
    this.lookupPromise = Promise.resolve(new OverlayLookup(r.overlay));
    await this.deps.publish(matcherFileFor(r.overlay));
    this.deps.announce();
    return { ok: true, added: r.added, updated: r.updated, removed: r.removed };
  }

  /**
   * Restores the overlay a backup file carries (its entries already read with the overlay's schema): an entry
   * not stored is added, one the file has newer (`updatedAt`) replaces the stored one, the rest are kept. The
   * entries are checked with the stored overlay they would join; any problem refuses all of them, with the
   * reason. `apply: false` counts. Answers too what was stored before, so a failed backup import can undo it.
   */
  async restore(file: Overlay, apply: boolean): Promise<OverlayRestoreCounts | { error: string }> {
    const current = (await this.lookup()).overlay;
    const stored = new Map<string, OverlayEntry>();
    for (const e of [...current.entities, ...current.extensions]) stored.set(entryKey(e), e);
    const put = new Map<string, OverlayEntry>();
    let unchanged = 0;
    for (const raw of [...file.entities, ...file.extensions]) {
      const entry = fromFile(raw);
      const key = entryKey(entry);
      if (put.has(key)) return { error: `Your KB in the file lists ${key} twice.` };
      const old = stored.get(key);
      if (old && Date.parse(old.updatedAt) >= Date.parse(entry.updatedAt)) unchanged++;
      else put.set(key, entry);
    }
    const batch = { put: [...put.values()], keepTimes: true };
    const problems = overlayProblems(applyBatch(current, batch, this.deps.now()));
    if (problems.length) {
      const p = problems[0]!;
      return { error: `Your KB in the file cannot be stored${p.key ? ` (${p.key})` : ''}: ${p.message}` };
    }
    const add = batch.put.filter((e) => !stored.has(entryKey(e))).length;
    const names = batch.put.flatMap((e) => addedNames(e, stored.get(entryKey(e))));
    if (apply && batch.put.length) {
      const r = await this.write(batch);
      if (!r.ok)
        return { error: `Your KB in the file cannot be stored: ${r.problems[0]?.message ?? 'refused'}` };
    }
    return { add, update: batch.put.length - add, unchanged, names };
  }

  /** Builds and stores the matcher from what is stored (after an install or update changed its format). */
  async republish(): Promise<void> {
    await this.deps.publish(matcherFileFor((await this.lookup()).overlay));
  }
}
