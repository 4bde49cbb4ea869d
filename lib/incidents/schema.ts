/**
 * The export file's contract, checked with valibot: what an incident may look like when it arrives from
 * outside (an import, a message). Unknown keys are dropped, so `__proto__`/`constructor` keys never reach
 * a stored object; every string has a length limit so a hostile file cannot fill the store with one record.
 */
import * as v from 'valibot';
import type { Incident } from './model';

/** The export format's name and version; a file with anything else is refused. */
export const EXPORT_FORMAT = 'apt-lens.incidents';
/** The only export version this build reads and writes. */
export const EXPORT_VERSION = 1;
/** Largest import file accepted, in characters (a 10,000-incident export is about 10 MB). */
export const MAX_IMPORT_CHARS = 32 * 1024 * 1024;
/** Most incidents one file may carry. */
export const MAX_IMPORT_RECORDS = 100_000;

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const entityId = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'not a knowledge-base id'));
const timestamp = v.pipe(v.string(), v.isoTimestamp());
const dateOrTimestamp = v.union([v.pipe(v.string(), v.isoDate()), timestamp], 'not a date');

const quote = v.object({ exact: text(10_000), prefix: text(500), suffix: text(500) });
const attribution = v.object({ claimant: text(500), confidence: text(200) });

/** Fields the reader writes (capture form, dashboard edit). */
const draftEntries = {
  title: text(500),
  url: text(4096),
  pageTitle: text(1000),
  quote,
  actorIds: v.pipe(v.array(entityId), v.maxLength(200)),
  agencyIds: v.pipe(v.array(entityId), v.maxLength(200)),
  tags: v.pipe(v.array(v.pipe(text(100), v.nonEmpty())), v.maxLength(100)),
  notes: text(20_000),
  occurredAt: v.optional(dateOrTimestamp),
  attribution: v.optional(attribution),
};

/** An incident draft from the capture form. */
export const DraftSchema = v.object(draftEntries);

/** A whole stored incident, as exported. */
export const IncidentSchema = v.object({
  id: v.pipe(v.string(), v.uuid()),
  createdAt: timestamp,
  updatedAt: timestamp,
  site: text(300),
  ...draftEntries,
});

/** One record that could not be read, and why (shown in the import summary). */
export interface InvalidRecord {
  index: number;
  id?: string;
  reason: string;
}

/** What reading an import file gives: valid incidents and the rejected ones, or why the file is unusable. */
export type ParsedImport =
  | { ok: true; incidents: Incident[]; invalid: InvalidRecord[] }
  | { ok: false; error: string };

/** The first problem of a failed parse, with where it is ("quote.exact: Invalid length…"). */
export function reasonOf(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  const path = v.getDotPath(issue);
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Checks one incident from outside; undefined plus a reason when it does not fit. */
export function checkIncident(raw: unknown): { incident: Incident } | { reason: string } {
  const r = v.safeParse(IncidentSchema, raw);
  return r.success ? { incident: r.output as Incident } : { reason: reasonOf(r.issues) };
}

/** Reads an export file's text: the whole-file problems are errors, a bad record is listed and skipped. */
export function parseExport(text: string): ParsedImport {
  if (text.length > MAX_IMPORT_CHARS) {
    const mb = (text.length / 1024 / 1024).toFixed(1);
    return {
      ok: false,
      error: `The file is too large (${mb} MB); the limit is ${MAX_IMPORT_CHARS / 1024 / 1024} MB.`,
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `The file is not valid JSON (${(e as Error).message}).` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, error: 'The file is not an APT Lens incidents export (expected a JSON object).' };
  }
  const file = data as Record<string, unknown>;
  if (file.format !== EXPORT_FORMAT) {
    return {
      ok: false,
      error: `The file is not an APT Lens incidents export (format is not "${EXPORT_FORMAT}").`,
    };
  }
  if (file.version !== EXPORT_VERSION) {
    return {
      ok: false,
      error: `Unsupported export version ${JSON.stringify(file.version)}: this APT Lens reads version ${EXPORT_VERSION}.`,
    };
  }
  if (!Array.isArray(file.incidents)) return { ok: false, error: 'The file has no "incidents" list.' };
  if (file.incidents.length > MAX_IMPORT_RECORDS) {
    return {
      ok: false,
      error: `The file has ${file.incidents.length} incidents; the limit is ${MAX_IMPORT_RECORDS}.`,
    };
  }
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
  return { ok: true, incidents, invalid };
}
