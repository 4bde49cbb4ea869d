/**
 * Writes to the overlay: every change is a batch (put these entries, remove those keys, or replace it all)
 * checked as a whole against the contract and run in one transaction, so an import of many entries or an
 * edit that breaks another entry's reference changes nothing at all.
 */
import * as v from 'valibot';
import type { OverlayDb } from './db';
import {
  entryKey,
  isExtension,
  MAX_OVERLAY_ENTRIES,
  type Overlay,
  type OverlayEntry,
  OverlayEntrySchema,
} from './model';
import { type BundledIndex, bundledIndex, type OverlayProblem, overlayProblems } from './validate';

/** One change to the overlay, written all or nothing. */
export interface OverlayBatch {
  /** Entries to add or replace (by `entryKey`). */
  put?: OverlayEntry[];
  /** Keys (`entryKey`) of entries to remove; a key not stored is ignored. */
  remove?: string[];
  /** Start from an empty overlay instead of the stored one (restoring a whole exported overlay). */
  replace?: boolean;
  /**
   * Keep the entries' own `createdAt`/`updatedAt` (restoring an export); otherwise `updatedAt` is now and
   * `createdAt` is the stored entry's, or now for a new one.
   */
  keepTimes?: boolean;
}

/** What a write did: how many entries it added, changed and removed, or every reason it was refused. */
export type OverlayWriteResult =
  | { ok: true; added: number; updated: number; removed: number; overlay: Overlay }
  | { ok: false; problems: OverlayProblem[] };

/** Applies a batch to an overlay in memory (no checks): what the store would hold after it. */
export function applyBatch(current: Overlay, batch: OverlayBatch, now: string): Overlay {
  const byKey = new Map<string, OverlayEntry>();
  if (!batch.replace) for (const e of [...current.entities, ...current.extensions]) byKey.set(entryKey(e), e);
  const before = new Map(byKey);
  for (const k of batch.remove ?? []) byKey.delete(k);
  for (const e of batch.put ?? []) {
    const key = entryKey(e);
    const old = before.get(key);
    byKey.set(key, batch.keepTimes ? e : { ...e, createdAt: old?.createdAt ?? now, updatedAt: now });
  }
  const next: Overlay = { entities: [], extensions: [] };
  for (const e of byKey.values()) {
    if (isExtension(e)) next.extensions.push(e);
    else next.entities.push(e);
  }
  return next;
}

/** A batch as a message carries it: its entries not yet checked (`writeOverlay` checks each one). */
export type UncheckedBatch = Omit<OverlayBatch, 'put'> & { put?: readonly unknown[] };

/**
 * Checks and writes one batch in a single transaction over both stores: either every entry is written and
 * every removal done, or (any problem, any failure) nothing is.
 */
export async function writeOverlay(
  db: OverlayDb,
  batch: UncheckedBatch,
  now: string,
  kb: BundledIndex = bundledIndex(),
): Promise<OverlayWriteResult> {
  const put = batch.put ?? [];
  if (put.length > MAX_OVERLAY_ENTRIES) {
    return {
      ok: false,
      problems: [
        {
          key: '',
          field: 'overlay',
          message: `${put.length} entries; your KB holds at most ${MAX_OVERLAY_ENTRIES}.`,
        },
      ],
    };
  }
  // Entries come from messages and files: each is checked here too, whatever checked it before.
  const problems: OverlayProblem[] = [];
  const checked: OverlayEntry[] = [];
  for (const e of put) {
    const r = v.safeParse(OverlayEntrySchema, e);
    if (r.success) checked.push(r.output);
    else {
      const raw = e as unknown as Record<string, unknown>;
      const key = String(raw?.id ?? raw?.extends ?? '');
      const issue = r.issues[0];
      const path = issue ? v.getDotPath(issue) : null;
      problems.push({
        key,
        field: 'overlay',
        message: `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}`,
      });
    }
  }
  if (problems.length) return { ok: false, problems };
  const tx = db.transaction(['entities', 'extensions'], 'readwrite');
  const entities = tx.objectStore('entities');
  const extensions = tx.objectStore('extensions');
  const [storedEntities, storedExtensions] = await Promise.all([entities.getAll(), extensions.getAll()]);
  const current: Overlay = { entities: storedEntities, extensions: storedExtensions };
  const next = applyBatch(current, { ...batch, put: checked }, now);
  const found = overlayProblems(next, kb);
  if (found.length) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return { ok: false, problems: found };
  }
  const had = new Set([...current.entities, ...current.extensions].map(entryKey));
  const keep = new Set([...next.entities, ...next.extensions].map(entryKey));
  const putKeys = new Set(checked.map(entryKey));
  const writes: Promise<unknown>[] = [];
  for (const e of current.entities) if (!keep.has(e.id)) writes.push(entities.delete(e.id));
  for (const e of current.extensions) if (!keep.has(e.extends)) writes.push(extensions.delete(e.extends));
  const removed = writes.length;
  for (const e of next.entities) if (putKeys.has(e.id)) writes.push(entities.put(e));
  for (const e of next.extensions) if (putKeys.has(e.extends)) writes.push(extensions.put(e));
  const added = [...putKeys].filter((k) => !had.has(k)).length;
  // A failed request aborts the transaction, so either every write lands or none.
  await Promise.all([...writes, tx.done]);
  return { ok: true, added, updated: putKeys.size - added, removed, overlay: next };
}
