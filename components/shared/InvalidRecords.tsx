import type { InvalidRecord } from '../../lib/fields/import-file';

/** The skipped records of an import's dry run and why each was refused (the first `shown` of them). */
export function InvalidRecords({
  invalid,
  shown = 100,
}: {
  invalid: readonly InvalidRecord[];
  shown?: number;
}) {
  if (!invalid.length) return null;
  return (
    <details>
      <summary>Why records are invalid</summary>
      <ul class="invalid">
        {invalid.slice(0, shown).map((r) => (
          <li key={r.index}>
            Record {r.index + 1}
            {r.id ? ` (${r.id})` : ''}: {r.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Cancel or confirm a dry-run summary; Confirm is off when the file would write nothing. */
export function ImportButtons({
  writes,
  onConfirm,
  onCancel,
}: {
  writes: number;
  onConfirm(): void;
  onCancel(): void;
}) {
  return (
    <div class="buttons">
      <button type="button" onClick={onCancel}>
        Cancel import
      </button>
      <button type="button" onClick={onConfirm} disabled={writes === 0}>
        Confirm import
      </button>
    </div>
  );
}
