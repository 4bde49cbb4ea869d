/**
 * Every write to the incidents store, each in one transaction: when any put fails (a quota error, a bad
 * record) the transaction is aborted and nothing of that write is kept. Only the background calls these.
 */
import type { IncidentsDb } from './db';
import { type ImportPlan, planImport } from './merge';
import { type Incident, normalizeTags } from './model';

/** A write that failed, with a message a person can act on. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** Turns an IndexedDB failure into a StoreError that says what happened and that nothing was written. */
export function storeError(e: unknown): StoreError {
  if (e instanceof StoreError) return e;
  const name = (e as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') {
    return new StoreError(
      'Storage is full: the browser refused to store more data. Nothing was saved. Export and delete old incidents, or free disk space, then try again.',
    );
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new StoreError(
    `Could not write to the incidents store (${name ?? 'error'}: ${msg}). Nothing was saved.`,
  );
}

/** Puts every record in one readwrite transaction; any failure aborts it whole. */
async function putAll(db: IncidentsDb, records: readonly Incident[]): Promise<void> {
  const tx = db.transaction('incidents', 'readwrite');
  const done = tx.done;
  done.catch(() => {});
  try {
    const puts: Promise<unknown>[] = [];
    for (const r of records) {
      const p = tx.store.put(r);
      p.catch(() => {});
      puts.push(p);
    }
    await Promise.all([...puts, done]);
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // The transaction had already finished (it was aborted by the failing request).
    }
    throw storeError(e);
  }
}

/** Saves one new incident. */
export function saveIncident(db: IncidentsDb, incident: Incident): Promise<void> {
  return putAll(db, [incident]);
}

/** Replaces an incident's editable fields, keeping its id and creation time; returns the stored result. */
export async function updateIncident(db: IncidentsDb, next: Incident, now: string): Promise<Incident> {
  const tx = db.transaction('incidents', 'readwrite');
  try {
    const cur = await tx.store.get(next.id);
    if (!cur) throw new StoreError('This incident no longer exists (deleted in another tab?).');
    const merged: Incident = {
      ...next,
      createdAt: cur.createdAt,
      tags: normalizeTags(next.tags),
      updatedAt: now,
    };
    await tx.store.put(merged);
    await tx.done;
    return merged;
  } catch (e) {
    tx.done.catch(() => {});
    try {
      tx.abort();
    } catch {
      // Already finished.
    }
    throw storeError(e);
  }
}

/** Deletes incidents by id in one transaction; returns what was deleted so the dashboard can undo. */
export async function deleteIncidents(db: IncidentsDb, ids: readonly string[]): Promise<Incident[]> {
  const tx = db.transaction('incidents', 'readwrite');
  try {
    const gone: Incident[] = [];
    for (const id of ids) {
      const cur = await tx.store.get(id);
      if (!cur) continue;
      gone.push(cur);
      await tx.store.delete(id);
    }
    await tx.done;
    return gone;
  } catch (e) {
    tx.done.catch(() => {});
    throw storeError(e);
  }
}

/** Puts deleted incidents back as they were (undo). */
export function restoreIncidents(db: IncidentsDb, incidents: readonly Incident[]): Promise<void> {
  return putAll(db, incidents);
}

/** Adds a tag to several incidents at once; returns how many changed. */
export async function tagIncidents(
  db: IncidentsDb,
  ids: readonly string[],
  tag: string,
  now: string,
): Promise<number> {
  const [clean] = normalizeTags([tag]);
  if (!clean) return 0;
  const tx = db.transaction('incidents', 'readonly');
  const found = await Promise.all(ids.map((id) => tx.store.get(id)));
  await tx.done;
  const changed = found
    .filter((i): i is Incident => i !== undefined && !i.tags.includes(clean))
    .map((i) => ({ ...i, tags: [...i.tags, clean], updatedAt: now }));
  await putAll(db, changed);
  return changed.length;
}

/** The dry run: what importing these incidents would add, update and leave alone. Writes nothing. */
export async function previewImport(db: IncidentsDb, incoming: readonly Incident[]): Promise<ImportPlan> {
  const stored = new Map((await db.getAll('incidents')).map((i) => [i.id, i]));
  return planImport(incoming, (id) => stored.get(id));
}

/**
 * Imports in one transaction: the plan is made again inside it (another tab may have written since the
 * preview), then every added and updated record is put; any failure leaves the store as it was.
 */
export async function importIncidents(
  db: IncidentsDb,
  incoming: readonly Incident[],
): Promise<ImportPlan & { replaced: Incident[] }> {
  const tx = db.transaction('incidents', 'readwrite');
  const done = tx.done;
  done.catch(() => {});
  try {
    const stored = new Map((await tx.store.getAll()).map((i) => [i.id, i]));
    const plan = planImport(incoming, (id) => stored.get(id));
    const puts: Promise<unknown>[] = [];
    for (const r of [...plan.add, ...plan.update]) {
      const p = tx.store.put(r);
      p.catch(() => {});
      puts.push(p);
    }
    await Promise.all([...puts, done]);
    return { ...plan, replaced: plan.update.map((i) => stored.get(i.id)!) };
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // Already finished.
    }
    throw storeError(e);
  }
}

/**
 * Undoes a written import in one transaction: the records it added are deleted, the ones it replaced are put
 * back. The backup import calls it when a later step (the watchlist, the reader's KB) fails.
 */
export async function undoImport(
  db: IncidentsDb,
  done: { add: readonly Incident[]; replaced: readonly Incident[] },
): Promise<void> {
  const tx = db.transaction('incidents', 'readwrite');
  try {
    await Promise.all([
      ...done.add.map((i) => tx.store.delete(i.id)),
      ...done.replaced.map((i) => tx.store.put(i)),
      tx.done,
    ]);
  } catch (e) {
    tx.done.catch(() => {});
    throw storeError(e);
  }
}

/** Every tag in use, for the capture form's autocomplete. */
export async function allTags(db: IncidentsDb): Promise<string[]> {
  const tags: string[] = [];
  let cursor = await db.transaction('incidents').store.index('tags').openKeyCursor(null, 'nextunique');
  while (cursor) {
    tags.push(cursor.key);
    cursor = await cursor.continue();
  }
  return tags;
}
