/**
 * The backup file, written once: the reader's incidents, watchlist and own KB in one JSON file. This valibot
 * schema is the only definition: the `BackupFile` type is inferred from it, `docs/incidents.schema.json` is
 * generated from it (`npm run schema`), and `parseBackup` reads a file with it, so what the import accepts is
 * what the published schema accepts. The one leniency: a bad incident is listed and skipped, not fatal.
 */
import * as v from 'valibot';
import { type InvalidRecord, MAX_IMPORT_RECORDS, readImportJson } from '../fields/import-file';
import { EntityIdSchema, reasonOf, TimestampSchema } from '../fields/schemas';
import type { Incident } from '../incidents/model';
import { checkIncident, IncidentSchema } from '../incidents/schema';
import { type Overlay, OverlayFileSchema } from '../overlay/model';
import type { OverlayRestoreCounts } from '../overlay/service';
import { MAX_WATCHLIST } from '../settings';

/** The file format's name; a file with anything else is refused. */
export const BACKUP_FORMAT = 'apt-lens.incidents';
/** The only version this build reads and writes. */
export const BACKUP_VERSION = 1;

/** A list of incidents, of at most the import limit (the file's, and the envelope's with items unread). */
const incidentList = <T extends v.GenericSchema>(item: T) =>
  v.pipe(v.array(item), v.maxLength(MAX_IMPORT_RECORDS));

const fields = {
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(BACKUP_VERSION),
  exportedAt: TimestampSchema,
  incidents: incidentList(IncidentSchema),
  watchlist: v.optional(
    v.pipe(
      v.array(EntityIdSchema),
      v.maxLength(MAX_WATCHLIST),
      v.description(
        "The reader's watchlist (entity ids). On import the ids are added to the watchlist; none is removed.",
      ),
    ),
  ),
  overlay: v.optional(
    v.pipe(
      OverlayFileSchema,
      v.description(
        "The reader's own KB: their actors and agencies (ids ours-…) and the names they added to bundled entities. On import an entry not stored is added and a newer one (updatedAt) replaces the stored one; if any entry cannot be stored, nothing is imported.",
      ),
    ),
  ),
};

/** The whole backup file. */
export const BackupFileSchema = v.pipe(
  v.object(fields),
  v.title('APT Lens incidents export, version 1'),
  v.description(
    "The file written by the dashboard's Export JSON and read by its Import: incidents, watchlist and the reader's own KB. Unknown keys are ignored on import.",
  ),
);

/** The backup file as written and read. */
export type BackupFile = v.InferOutput<typeof BackupFileSchema>;

/**
 * The same file with each incident left unread: the import checks the envelope with it, then every incident
 * on its own (`checkIncident`), so one bad record is listed and skipped rather than refusing the file.
 */
const EnvelopeSchema = v.object({
  ...fields,
  incidents: incidentList(v.unknown()),
});

/** What reading a backup file gives: the valid incidents and the rejected ones, or why the file is unusable. */
export type ParsedBackup =
  | {
      ok: true;
      incidents: Incident[];
      invalid: InvalidRecord[];
      watchlist?: string[];
      overlay?: Overlay;
    }
  | { ok: false; error: string };

/** The envelope's first problem, in the reader's words (which field, and what the file should hold). */
function envelopeError(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0]!;
  const top = issue.path?.[0]?.key;
  const not = 'The file is not an APT Lens incidents export';
  if (top === undefined) return `${not} (expected a JSON object).`;
  if (top === 'format') return `${not} (format is not "${BACKUP_FORMAT}").`;
  if (top === 'version')
    return `Unsupported export version ${JSON.stringify(issue.input)}: this APT Lens reads version ${BACKUP_VERSION}.`;
  if (top === 'incidents') {
    if (issue.type === 'max_length')
      return `The file has ${(issue.input as unknown[]).length} incidents; the limit is ${MAX_IMPORT_RECORDS}.`;
    return 'The file has no "incidents" list.';
  }
  if (top === 'watchlist')
    return `The "watchlist" field is not a list of at most ${MAX_WATCHLIST} entity ids (like "apt31").`;
  if (top === 'overlay') {
    if (issue.path!.length < 3)
      return 'The "overlay" field is not your KB as APT Lens exports it (an object with "entities" and "extensions" lists).';
    const [list, index, ...rest] = issue.path!.slice(1).map((p) => p.key);
    const entry = `${list === 'extensions' ? 'extension' : 'entity'} ${Number(index) + 1}`;
    const where = rest.length ? `${rest.join('.')}: ` : '';
    return `Your KB in the file, ${entry}: ${where}${issue.message}.`;
  }
  return `The file's "${String(top)}" field is not valid: ${reasonOf(issues)}.`;
}

/** Reads a backup file's text: the whole-file problems are errors, a bad incident is listed and skipped. */
export function parseBackup(text: string): ParsedBackup {
  const read = readImportJson(text);
  if (!read.ok) return read;
  // valibot's object takes an array for an object with no keys; JSON Schema's does not.
  if (Array.isArray(read.data))
    return { ok: false, error: 'The file is not an APT Lens incidents export (expected a JSON object).' };
  const envelope = v.safeParse(EnvelopeSchema, read.data);
  if (!envelope.success) return { ok: false, error: envelopeError(envelope.issues) };
  const file = envelope.output;
  const incidents: Incident[] = [];
  const invalid: InvalidRecord[] = [];
  const seen = new Set<string>();
  file.incidents.forEach((raw, index) => {
    const id =
      typeof raw === 'object' && raw && typeof (raw as { id?: unknown }).id === 'string'
        ? (raw as { id: string }).id
        : undefined;
    const r = checkIncident(raw);
    if ('reason' in r) invalid.push({ index, id: id?.slice(0, 64), reason: r.reason });
    else if (seen.has(r.incident.id))
      invalid.push({ index, id, reason: 'the same id appears earlier in the file' });
    else {
      seen.add(r.incident.id);
      incidents.push(r.incident);
    }
  });
  return {
    ok: true,
    incidents,
    invalid,
    ...(file.watchlist === undefined ? {} : { watchlist: [...new Set(file.watchlist)] }),
    ...(file.overlay === undefined ? {} : { overlay: file.overlay }),
  };
}

/**
 * The backup file's text (indented: people read and diff these files). The watchlist and the reader's own
 * KB travel with the incidents when given.
 */
export function backupText(
  incidents: readonly Incident[],
  now: Date,
  more: { watchlist?: readonly string[]; overlay?: Overlay } = {},
): string {
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    incidents: [...incidents],
    ...(more.watchlist ? { watchlist: [...more.watchlist] } : {}),
    ...(more.overlay ? { overlay: more.overlay } : {}),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** What the dashboard shows about an import: the dry-run counts, or why the file cannot be used. */
export type ImportReport =
  | { ok: false; error: string }
  | {
      ok: true;
      applied: boolean;
      add: number;
      update: number;
      unchanged: number;
      older: number;
      invalid: InvalidRecord[];
      /** Watched entity ids the file adds to the watchlist (present when the file has a watchlist). */
      watchlist?: { add: number };
      /** Entries of the reader's own KB the file adds or updates (present when the file has an overlay). */
      overlay?: OverlayRestoreCounts;
    };

/** The download's file name, dated: `apt-lens-incidents-2025-05-28.json` (or `.stix.json`). */
export function exportFileName(kind: 'json' | 'stix', now: Date): string {
  return `apt-lens-incidents-${now.toISOString().slice(0, 10)}${kind === 'stix' ? '.stix' : ''}.json`;
}
