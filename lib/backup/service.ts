/**
 * The backup service: the background's one door for the backup file, both ways. Export reads the three
 * stores there (incidents, the watchlist in the settings, the reader's own KB), so the file is whole however
 * early the dashboard asks. Import is all or nothing across the three: everything is checked first, then the
 * stores are written one after the other, and if a later write fails the earlier ones are undone, and the
 * answer says what happened. It runs in Node against fakes; the background hands it the stores.
 */
import type { IncidentsDb } from '../incidents/db';
import { listIncidents } from '../incidents/db';
import type { ImportPlan } from '../incidents/merge';
import { importIncidents, previewImport, undoImport } from '../incidents/store';
import type { Overlay } from '../overlay/model';
import type { OverlayRestoreCounts } from '../overlay/service';
import { backupText, type ImportReport, parseBackup } from './file';

/** The stores a backup reads and writes, and the clock, handed in by the background (fakes in tests). */
export interface BackupDeps {
  incidents(): Promise<IncidentsDb>;
  watchlist: {
    read(): Promise<string[]>;
    add(ids: readonly string[]): Promise<void>;
    /** Takes ids off again (undoing an import's `add`). */
    remove(ids: readonly string[]): Promise<void>;
  };
  overlay: {
    read(): Promise<Overlay>;
    /** The counts of restoring the file's KB (written when `apply`), or why it cannot be stored. */
    restore(file: Overlay, apply: boolean): Promise<OverlayRestoreCounts | { error: string }>;
  };
  now(): Date;
}

/** The whole backup file's text (every incident, the watchlist, the reader's own KB) and how many incidents. */
export async function exportBackup(deps: BackupDeps): Promise<{ text: string; incidents: number }> {
  const [incidents, watchlist, overlay] = await Promise.all([
    deps.incidents().then(listIncidents),
    deps.watchlist.read(),
    deps.overlay.read(),
  ]);
  const own = overlay.entities.length + overlay.extensions.length ? overlay : undefined;
  return {
    text: backupText(incidents, deps.now(), { watchlist, ...(own ? { overlay: own } : {}) }),
    incidents: incidents.length,
  };
}

/** An error's message, for the reader. */
function said(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Reads a backup file and, when `apply`, restores it. The dry run (and every check) comes first: a file
 * whose KB entries cannot be stored changes nothing. The writes go incidents, watchlist, KB; a failure undoes
 * the writes before it, and the error says whether that worked.
 */
export async function importBackup(deps: BackupDeps, text: string, apply: boolean): Promise<ImportReport> {
  const parsed = parseBackup(text);
  if (!parsed.ok) return { ok: false, error: `${parsed.error} Nothing was changed.` };
  let overlay: OverlayRestoreCounts | undefined;
  if (parsed.overlay) {
    const check = await deps.overlay.restore(parsed.overlay, false);
    if ('error' in check) return { ok: false, error: `${check.error} Nothing was changed.` };
    overlay = check;
  }
  const db = await deps.incidents();
  const have = new Set(parsed.watchlist ? await deps.watchlist.read() : []);
  const fresh = (parsed.watchlist ?? []).filter((id) => !have.has(id));
  if (!apply) return report(await previewImport(db, parsed.incidents));

  // Each written step's undo, run newest first when a later step fails.
  const undo: { what: string; run: () => Promise<void> }[] = [];
  const fail = async (step: string, why: string): Promise<ImportReport> => {
    const stuck: string[] = [];
    for (const u of undo.reverse()) await u.run().catch(() => stuck.push(u.what));
    const after = !undo.length
      ? 'Nothing was changed.'
      : stuck.length
        ? `Undoing what was written failed for ${stuck.join(' and ')}: check them before importing again.`
        : 'What the import had written was undone: nothing was changed.';
    return { ok: false, error: `Could not write ${step} (${why}). ${after}` };
  };
  let plan: Awaited<ReturnType<typeof importIncidents>>;
  try {
    plan = await importIncidents(db, parsed.incidents);
  } catch (e) {
    return fail('the incidents', said(e));
  }
  undo.push({ what: 'the incidents', run: () => undoImport(db, plan) });
  if (fresh.length) {
    try {
      await deps.watchlist.add(fresh);
    } catch (e) {
      return fail('the watchlist', said(e));
    }
    undo.push({ what: 'the watchlist', run: () => deps.watchlist.remove(fresh) });
  }
  if (parsed.overlay) {
    const done = await deps.overlay.restore(parsed.overlay, true).catch((e: unknown) => ({ error: said(e) }));
    if ('error' in done) return fail('your KB', done.error);
    overlay = done;
  }
  return report(plan);

  function report(plan: ImportPlan): ImportReport {
    return {
      ok: true,
      applied: apply,
      add: plan.add.length,
      update: plan.update.length,
      unchanged: plan.unchanged,
      older: plan.older,
      invalid: parsed.ok ? parsed.invalid : [],
      ...(parsed.ok && parsed.watchlist ? { watchlist: { add: fresh.length } } : {}),
      ...(overlay ? { overlay } : {}),
    };
  }
}
