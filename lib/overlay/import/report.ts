/**
 * What the background answers to an overlay import (`overlay:import`), dry run or confirmed: the summary
 * the dashboard shows before anything is written, or why the file cannot be used. Kept apart from the
 * handler so the dashboard and the protocol import the type without the store.
 */
import type { CandidateSource, InvalidRecord } from './candidate';
import type { PlannedItem, Verdict } from './classify';

/** The import summary, or the reason the whole file was refused (then nothing was written). */
export type OverlayImportReport =
  | { ok: false; error: string }
  | {
      ok: true;
      /** Whether this answer is the confirmed write (true) or the dry run (false). */
      applied: boolean;
      format: CandidateSource;
      label: string;
      counts: Record<Verdict, number>;
      items: PlannedItem[];
      invalid: InvalidRecord[];
      /** Objects of other kinds (malware, reports…) left out. */
      ignored: number;
      /** Records the file retires (revoked or deprecated), left out rather than listed as conflicts. */
      retired: number;
      /** Overlay entries a confirm writes (or wrote). */
      writes: number;
    };
