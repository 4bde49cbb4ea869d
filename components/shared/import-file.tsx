import { useRef, useState } from 'preact/hooks';
import { MAX_IMPORT_CHARS } from '../../lib/fields/import-file';

/** What a dry run answers: the summary to show, or why the file cannot be used. */
type DryRun<R> = R | { ok: false; error: string };

/** A file read and checked, waiting for the reader's Confirm. */
export interface PendingImport<R> {
  fileName: string;
  text: string;
  report: R;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The import-file flow every import shares (the backup file, a MISP galaxy or STIX bundle): a file chosen,
 * refused at once when over the size limit, read, and sent to a dry run whose summary waits for Confirm.
 * `dryRun`'s errors say what they need to ("Nothing was changed."); `onStart` clears the view's messages.
 */
export function useImportFile<R extends { ok: true }>(
  dryRun: (text: string) => Promise<DryRun<R>>,
  { onStart, onError }: { onStart(): void; onError(text: string): void },
) {
  const [pending, setPending] = useState<PendingImport<R>>();
  const input = useRef<HTMLInputElement>(null);
  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    onStart();
    setPending(undefined);
    if (file.size > MAX_IMPORT_CHARS) {
      onError(
        `Import failed: the file is too large (${(file.size / 1024 / 1024).toFixed(1)} MB); the limit is ${MAX_IMPORT_CHARS / 1024 / 1024} MB. Nothing was changed.`,
      );
      return;
    }
    try {
      const text = await file.text();
      const report = await dryRun(text);
      if (!report.ok) onError(`Import failed: ${report.error}`);
      else setPending({ fileName: file.name, text, report });
    } catch (e) {
      onError(`Import failed: ${message(e)} Nothing was changed.`);
    }
  };
  /** Opens the file picker (the Import button, or an empty view's "Import a file"). */
  const choose = () => input.current?.click();
  return { pending, setPending, onFile, input, choose };
}

/** The Import button and the hidden file input it opens (labelled for tests and screen readers). */
export function ImportFileButton({
  label,
  inputLabel,
  accept,
  flow,
}: {
  label: string;
  inputLabel: string;
  accept: string;
  flow: Pick<ReturnType<typeof useImportFile>, 'input' | 'onFile' | 'choose'>;
}) {
  return (
    <>
      <button type="button" onClick={flow.choose}>
        {label}
      </button>
      <input
        ref={flow.input}
        type="file"
        accept={accept}
        aria-label={inputLabel}
        tabIndex={-1}
        hidden
        onChange={(e) => void flow.onFile(e.currentTarget)}
      />
    </>
  );
}
