/** The JSON export: the format README documents and docs/incidents.schema.json describes. */
import type { Overlay } from '../overlay/model';
import type { Incident } from './model';
import { EXPORT_FORMAT, EXPORT_VERSION } from './schema';

/** The export file's top level. */
export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  incidents: Incident[];
  /** The reader's watchlist (entity ids), restored by the import. */
  watchlist?: string[];
  /** The reader's own KB (lib/overlay), restored by the import. */
  overlay?: Overlay;
}

/**
 * The export file's text (indented: people read and diff these files). The user's other data travels
 * with the incidents: the watchlist and the reader's own KB when given.
 */
export function exportJson(
  incidents: readonly Incident[],
  now: Date,
  more: { watchlist?: readonly string[]; overlay?: Overlay } = {},
): string {
  const file: ExportFile = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    incidents: [...incidents],
    ...(more.watchlist ? { watchlist: [...more.watchlist] } : {}),
    ...(more.overlay ? { overlay: more.overlay } : {}),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The download's file name, dated: `apt-lens-incidents-2025-05-28.json` (or `.stix.json`). */
export function exportFileName(kind: 'json' | 'stix', now: Date): string {
  return `apt-lens-incidents-${now.toISOString().slice(0, 10)}${kind === 'stix' ? '.stix' : ''}.json`;
}
