/**
 * The incident contract, written once: this valibot schema checks what arrives from outside (an import, a
 * message), the `Incident` type is inferred from it, and `docs/incidents.schema.json` is generated from it
 * (`npm run schema`). Unknown keys are dropped, so `__proto__`/`constructor` keys never reach a stored
 * object; every string has a length limit, in code points as JSON Schema counts, so a hostile file cannot
 * fill the store with one record. Checks JSON Schema cannot say as a keyword (a day that exists, a URL that
 * parses) carry their JSON Schema equivalent (`format`, `maxLength`) as metadata for the generator.
 */
import * as v from 'valibot';
import { ENTITY_ID_PATTERN, isEntityId } from '../kb/entity-id';
import { MAX_WATCHLIST } from '../settings';
import {
  codePoints,
  DATE_PATTERN,
  DATE_TIME_PATTERN,
  isCalendarDate,
  isDateTime,
  isWebUrl,
  WEB_URL_PATTERN,
} from './formats';

/** The export format's name and version; a file with anything else is refused. */
export const EXPORT_FORMAT = 'apt-lens.incidents';
/** The only export version this build reads and writes. */
export const EXPORT_VERSION = 1;
/** Largest import file accepted, in characters (a 10,000-incident export is about 10 MB). */
export const MAX_IMPORT_CHARS = 32 * 1024 * 1024;
/** Most incidents one file may carry. */
export const MAX_IMPORT_RECORDS = 100_000;

/** A string of at most `max` code points (an emoji is one, as in the published schema). */
export const text = (max: number) =>
  v.pipe(
    v.string(),
    v.check(
      (s) => codePoints(s) <= max,
      (issue) => `more than ${max} characters (${codePoints(issue.input as string)})`,
    ),
    v.metadata({ maxLength: max }),
  );

/** A knowledge-base id (`apt31`, `cn-mss`). */
export const EntityIdSchema = v.pipe(v.string(), v.regex(ENTITY_ID_PATTERN, 'not a knowledge-base id'));

/** An RFC 3339 date-time on a day that exists. */
export const TimestampSchema = v.pipe(
  v.string(),
  v.regex(DATE_TIME_PATTERN, 'not an RFC 3339 date-time (YYYY-MM-DDThh:mm:ssZ or ±hh:mm)'),
  v.check(isDateTime, 'not a date and time that exists'),
  v.metadata({ format: 'date-time' }),
);

const calendarDate = v.pipe(
  v.string(),
  v.regex(DATE_PATTERN, 'not a date (YYYY-MM-DD)'),
  v.check(isCalendarDate, 'not a day that exists'),
  v.metadata({ format: 'date' }),
);

/** An http: or https: URL of at most `max` code points that parses. */
export const webUrl = (max: number) =>
  v.pipe(
    text(max),
    v.regex(WEB_URL_PATTERN, 'not an http: or https: URL'),
    v.check(isWebUrl, 'not a URL that parses'),
    v.metadata({ format: 'uri' }),
  );

const quote = v.pipe(
  v.object({ exact: text(10_000), prefix: text(500), suffix: text(500) }),
  v.description('A W3C Web Annotation TextQuoteSelector: the passage and the text around it.'),
);
const attribution = v.object({
  claimant: v.pipe(text(500), v.description('Who attributed it, e.g. Czech government.')),
  confidence: v.pipe(text(200), v.description('Their words, e.g. a high degree of certainty.')),
});

/** What a claim says: who did the incident, whom a group works for, or whom a government sanctioned. */
export const CLAIM_KINDS = ['incident', 'sponsor-link', 'sanction'] as const;

/** One claimant of a claim, with what the KB or the country list recognised it as. */
const claimant = v.object({
  name: v.pipe(text(500), v.description('As the text names them, e.g. Czech government, NÚKIB.')),
  agencyId: v.optional(
    v.pipe(EntityIdSchema, v.description('The knowledge-base agency it resolved to, e.g. cz-nukib.')),
  ),
  country: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^[A-Z]{2}$/, 'not an ISO 3166-1 alpha-2 country code'),
      v.description('ISO 3166-1 alpha-2 code of the claimant’s country, e.g. CZ.'),
    ),
  ),
});

/**
 * Who accused whom, of what, in which words: one claim read from the passage's sentences (and edited by the
 * reader). The claim of kind `incident` names the incident's accuser; the others are claims the passage
 * reports besides (an older sponsor link, a sanction).
 */
const claim = v.object({
  kind: v.pipe(
    v.picklist(CLAIM_KINDS),
    v.description(
      'incident: who did this incident; sponsor-link: whom the group works for; sanction: who was sanctioned.',
    ),
  ),
  claimants: v.pipe(
    v.array(claimant),
    v.maxLength(20),
    v.description('Who makes the claim: one or several governments, agencies or companies.'),
  ),
  accusedId: v.optional(
    v.pipe(EntityIdSchema, v.description('The knowledge-base actor accused, e.g. apt31.')),
  ),
  accusedName: v.pipe(text(500), v.description('The accused as the text names them.')),
  sponsorId: v.optional(
    v.pipe(
      EntityIdSchema,
      v.description('For a sponsor link: the knowledge-base agency the group is tied to, e.g. cn-mss.'),
    ),
  ),
  confidence: v.pipe(text(200), v.description('Their words of certainty, e.g. a high degree of certainty.')),
  date: v.optional(v.pipe(calendarDate, v.description('When the claim was made, where the text says.'))),
  sentence: v.pipe(text(2000), v.description('The sentence that makes the claim, as quoted.')),
});

/** Fields the reader writes (capture form, dashboard edit). */
const draftEntries = {
  title: text(500),
  url: v.pipe(webUrl(4096), v.description('The page the passage was saved from.')),
  pageTitle: text(1000),
  quote,
  actorIds: v.pipe(
    v.array(EntityIdSchema),
    v.maxLength(200),
    v.description('Knowledge-base actor ids, e.g. apt31.'),
  ),
  agencyIds: v.pipe(
    v.array(EntityIdSchema),
    v.maxLength(200),
    v.description('Knowledge-base agency ids, e.g. cn-mss.'),
  ),
  tags: v.pipe(v.array(v.pipe(text(100), v.nonEmpty('an empty tag'))), v.maxLength(100)),
  notes: text(20_000),
  occurredAt: v.optional(
    v.pipe(
      v.union([calendarDate, TimestampSchema], 'not a date (YYYY-MM-DD) or an RFC 3339 date-time'),
      v.description('When it happened: a date (YYYY-MM-DD) or a date-time.'),
    ),
  ),
  attribution: v.optional(attribution),
  claims: v.optional(
    v.pipe(
      v.array(claim),
      v.maxLength(50),
      v.description(
        'The claims the passage makes, the incident’s own (kind incident) first; absent in incidents saved before claims were read.',
      ),
    ),
  ),
};

/** An incident draft from the capture form. */
export const DraftSchema = v.object(draftEntries);

/** A whole stored incident, as exported. */
export const IncidentSchema = v.object({
  id: v.pipe(
    v.string(),
    v.uuid(),
    v.description('Same id in two files = same incident; the newer updatedAt wins on import.'),
  ),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  site: v.pipe(text(300), v.description("The URL's host name.")),
  ...draftEntries,
});

/** The whole export file (the import reads it record by record with `parseExport`, to keep the good ones). */
export const ExportFileSchema = v.pipe(
  v.object({
    format: v.literal(EXPORT_FORMAT),
    version: v.literal(EXPORT_VERSION),
    exportedAt: TimestampSchema,
    incidents: v.pipe(v.array(IncidentSchema), v.maxLength(MAX_IMPORT_RECORDS)),
    watchlist: v.optional(
      v.pipe(
        v.array(EntityIdSchema),
        v.maxLength(MAX_WATCHLIST),
        v.description(
          "The reader's watchlist (entity ids). On import the ids are added to the watchlist; none is removed.",
        ),
      ),
    ),
  }),
  v.title('APT Lens incidents export, version 1'),
  v.description(
    "The file written by the dashboard's Export JSON and read by its Import. Unknown keys are ignored on import.",
  ),
);

/** A saved passage about a cyber incident, tagged by the reader. */
export type Incident = v.InferOutput<typeof IncidentSchema>;

/** What the capture form sends: an incident before the background gives it an id and timestamps. */
export type IncidentDraft = v.InferOutput<typeof DraftSchema>;

/** One record that could not be read, and why (shown in the import summary). */
export interface InvalidRecord {
  index: number;
  id?: string;
  reason: string;
}

/** What reading an import file gives: valid incidents and the rejected ones, or why the file is unusable. */
export type ParsedImport =
  | {
      ok: true;
      incidents: Incident[];
      invalid: InvalidRecord[];
      watchlist?: string[];
      /** The reader's own KB as the file has it, each entry checked by the overlay's store. */
      overlay?: { entities: unknown[]; extensions: unknown[] };
    }
  | { ok: false; error: string };

/** The first problem of a failed parse, with where it is ("quote.exact: Invalid length…"). */
export function reasonOf(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  const path = v.getDotPath(issue);
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Checks one incident from outside (its `site` recomputed); undefined plus a reason when it does not fit. */
export function checkIncident(raw: unknown): { incident: Incident } | { reason: string } {
  const r = v.safeParse(IncidentSchema, raw);
  // `site` indexes the store and says where an incident is from: it comes from the URL (which parsed, being
  // checked above), never from the file.
  return r.success
    ? { incident: { ...r.output, site: new URL(r.output.url).hostname } }
    : { reason: reasonOf(r.issues) };
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

/** What restoring an incidents file's own-KB entries does: the counts, and every name it adds and to what. */
export interface OverlayRestoreCounts {
  add: number;
  update: number;
  unchanged: number;
  /**
   * Each name the file adds (to an entity of the reader's KB or to a bundled one) and its risk class
   * (lib/overlay/name-risk.ts): a common word (`generic`) or a coined one (`coinage`) needs context on a page.
   */
  names: { name: string; to: string; risk: 'distinctive' | 'coinage' | 'generic' }[];
}

/**
 * Why a JSON parser gave up, short: where it stopped ("at line 3, column 5"; V8 gives a position, Firefox a
 * line and column), that the text ends too early, or its message without the excerpt of the file it quotes
 * (in a file that is not JSON, that excerpt is noise).
 */
function parseFault(message: string, text: string): string {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return `at line ${lc[1]}, column ${lc[2]}`;
  const pos = /position (\d+)/.exec(message);
  if (pos) {
    const before = text.slice(0, Number(pos[1]));
    return `at line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')}`;
  }
  if (/end of (?:JSON )?(?:input|data)/i.test(message)) return 'it ends too early';
  const said = message
    .replace(/,\s*".*$/s, '')
    .replace(/^JSON\.parse:\s*/, '')
    .slice(0, 80);
  return said.charAt(0).toLowerCase() + said.slice(1);
}

/** Control characters that no JSON text holds raw (JSON allows tab, line feed and carriage return only). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const BINARY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/;

/**
 * Reads an import file's text as JSON within the import size limit, or says why not in plain words: the file
 * is empty, is not a text file (a binary file read as text), or is not valid JSON (with where). Every import
 * (the incidents export, the overlay's MISP and STIX files) starts here, so they refuse alike. A leading
 * byte-order mark, which some editors write, is skipped.
 */
export function readImportJson(text: string): { ok: true; data: unknown } | { ok: false; error: string } {
  if (text.length > MAX_IMPORT_CHARS) {
    const mb = (text.length / 1024 / 1024).toFixed(1);
    return {
      ok: false,
      error: `The file is too large (${mb} MB); the limit is ${MAX_IMPORT_CHARS / 1024 / 1024} MB.`,
    };
  }
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, error: 'The file is empty.' };
  try {
    return { ok: true, data: JSON.parse(body) };
  } catch (e) {
    // A valid file may hold U+FFFD inside a string; only a file that also fails to parse is called binary.
    if (BINARY.test(body.slice(0, 65_536)))
      return {
        ok: false,
        error: 'The file is not a text file (it holds binary data): choose the JSON file to import.',
      };
    return { ok: false, error: `The file is not valid JSON (${parseFault((e as Error).message, body)}).` };
  }
}

/** Reads an export file's text: the whole-file problems are errors, a bad record is listed and skipped. */
export function parseExport(text: string): ParsedImport {
  const read = readImportJson(text);
  if (!read.ok) return read;
  const data = read.data;
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
  const watchlist = file.watchlist;
  if (
    watchlist !== undefined &&
    (!Array.isArray(watchlist) || watchlist.length > MAX_WATCHLIST || !watchlist.every(isEntityId))
  ) {
    return {
      ok: false,
      error: `The "watchlist" field is not a list of at most ${MAX_WATCHLIST} entity ids (like "apt31").`,
    };
  }
  const overlay = file.overlay as { entities?: unknown; extensions?: unknown } | undefined;
  if (
    overlay !== undefined &&
    (typeof overlay !== 'object' ||
      overlay === null ||
      !Array.isArray(overlay.entities) ||
      !Array.isArray(overlay.extensions) ||
      overlay.entities.length + overlay.extensions.length > MAX_IMPORT_RECORDS)
  ) {
    return {
      ok: false,
      error:
        'The "overlay" field is not your KB as APT Lens exports it (an object with "entities" and "extensions" lists).',
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
  return {
    ok: true,
    incidents,
    invalid,
    ...(watchlist === undefined ? {} : { watchlist: [...new Set(watchlist as string[])] }),
    ...(overlay === undefined
      ? {}
      : {
          overlay: { entities: overlay.entities as unknown[], extensions: overlay.extensions as unknown[] },
        }),
  };
}
