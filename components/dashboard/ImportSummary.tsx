import type { ImportReport } from '../../lib/backup/file';
import { AddedNames } from '../overlay/OverlayImport';
import { ImportButtons, InvalidRecords } from '../shared/InvalidRecords';

/** Props of the dry-run summary. */
export interface ImportSummaryProps {
  fileName: string;
  report: Extract<ImportReport, { ok: true }>;
  onConfirm(): void;
  onCancel(): void;
}

/** What an import would do, shown before anything is written. */
export function ImportSummary({ fileName, report, onConfirm, onCancel }: ImportSummaryProps) {
  const writes =
    report.add +
    report.update +
    (report.watchlist?.add ?? 0) +
    (report.overlay ? report.overlay.add + report.overlay.update : 0);
  return (
    <section class="import" aria-label="Import summary">
      <h2>Import {fileName}?</h2>
      <ul>
        <li>{report.add} new</li>
        <li>{report.update} updated (newer than the stored copy)</li>
        <li>{report.unchanged} unchanged</li>
        <li>{report.older} older than the stored copy (kept as stored)</li>
        <li>{report.invalid.length} invalid (skipped)</li>
        {report.watchlist && <li>{report.watchlist.add} added to your watchlist</li>}
        {report.overlay && (
          <li>
            Your KB: {report.overlay.add} new, {report.overlay.update} updated, {report.overlay.unchanged}{' '}
            kept as stored
          </li>
        )}
      </ul>
      {report.overlay && <AddedNames names={report.overlay.names} />}
      <InvalidRecords invalid={report.invalid} />
      <ImportButtons writes={writes} onConfirm={onConfirm} onCancel={onCancel} />
    </section>
  );
}
