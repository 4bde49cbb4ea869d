/**
 * The background's handler for `overlay:import`: the import runner wired to the overlay service (the one
 * writer of the overlay store, which also rebuilds the tabs' matcher and tells open pages after a write)
 * and to the overlay's whole-overlay checks, so the dry run refuses exactly what the write would.
 */
import { loadKb } from '../../kb/index';
import type { OverlayService } from '../service';
import { overlayProblems } from '../validate';
import type { OverlayImportReport } from './report';
import { runOverlayImport } from './run';

/** Runs an import request against the reader's overlay: the summary (dry run) or the write. */
export function importIntoOverlay(
  service: Pick<OverlayService, 'lookup' | 'write'>,
  text: string,
  apply: boolean,
  now: () => Date = () => new Date(),
): Promise<OverlayImportReport> {
  return runOverlayImport(text, apply, {
    kb: loadKb(),
    read: async () => (await service.lookup()).overlay,
    problems: (overlay) => overlayProblems(overlay),
    async write(entries) {
      // The entries carry their own times (a merged entry keeps when it was created).
      const r = await service.write({ put: entries, keepTimes: true });
      if (r.ok) return { ok: true };
      const [first] = r.problems;
      const more = r.problems.length > 1 ? ` (and ${r.problems.length - 1} more problems)` : '';
      return { ok: false, error: `Your KB refused it: ${first?.message ?? 'invalid'}${more}` };
    },
    now,
  });
}
