/**
 * What every import format is read into before anything is compared or written: a source-neutral
 * candidate (an actor or agency as the file describes it), so the MISP galaxy and STIX readers share one
 * classification and one summary. The limits here are the overlay's, checked per record: a record that
 * breaks one is listed with its reason and skipped, the rest of the file still imports.
 */
import { codePoints, isWebUrl } from '../../fields/formats';
import type { InvalidRecord } from '../../fields/import-file';
import { matchKey } from '../match-key';
import { MAX_ALIASES, MAX_LINKS, MAX_NAME } from '../model';
import { unusableName } from '../usable-name';

export type { InvalidRecord } from '../../fields/import-file';

/** Where a candidate came from (shown in the summary, kept on the written entry's links). */
export type CandidateSource = 'misp-galaxy' | 'stix';

/** One actor or agency read from an import file, before it is matched against the KB and the overlay. */
export interface ImportCandidate {
  /** The record's own id in the file (MISP uuid, STIX id): how other records refer to it. */
  ref: string;
  /** Position in the file (the galaxy's `values` or the bundle's `objects`), for messages. */
  index: number;
  kind: 'actor' | 'agency';
  name: string;
  /** Other names, without the name itself, duplicates (by `matchKey`) removed. */
  aliases: string[];
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
  /** The sponsoring agency: another record of the same file (`ref`) and its name as written. */
  sponsor?: { ref: string; name: string };
  /** MITRE ATT&CK group id (G0006). */
  attackId?: string;
  /** http(s) links, at most the overlay's MAX_LINKS (the rest are dropped: links are references). */
  links: string[];
  /** The record's description, as the file has it. */
  notes?: string;
  source: CandidateSource;
  /** What was left out of the record and why (a country that is not a code…), shown in the summary. */
  warnings: string[];
}

/** What a reader makes of a file: its candidates and the records it skipped, or why the file is unusable. */
export type ParsedImportFile =
  | {
      ok: true;
      format: CandidateSource;
      /** The file's own title (galaxy name, or "STIX 2.1 bundle"), for the summary. */
      label: string;
      candidates: ImportCandidate[];
      invalid: InvalidRecord[];
      /** Records of kinds the overlay does not hold (malware, reports, markings…), left out. */
      ignored: number;
      /** Records the file itself retires (revoked or deprecated ATT&CK objects), left out. */
      retired: number;
    }
  | { ok: false; error: string };

/** Longest link. */
export const MAX_LINK = 4096;
/** Longest description kept as notes (the overlay's limit for notes). */
export const MAX_NOTES = 20_000;

/** MITRE ATT&CK group ids. */
export const ATTACK_GROUP_ID = /^G\d{4}$/;
const ATTACK_GROUP_URL = /^https?:\/\/attack\.mitre\.org\/groups\/(G\d{4})\/?$/i;

/** The ATT&CK group id a link points at, if it is an ATT&CK group page. */
export function attackIdOfUrl(url: string): string | undefined {
  return ATTACK_GROUP_URL.exec(url)?.[1]?.toUpperCase();
}

/** Thrown by the record checks below; becomes an `InvalidRecord` (the file still imports). */
export class RecordError extends Error {}

/** A trimmed name within the limits, or a RecordError saying which field is wrong. */
export function checkName(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new RecordError(`${field}: not a string`);
  const name = value.replace(/\s+/g, ' ').trim();
  if (!name) throw new RecordError(`${field}: empty`);
  if (!/[\p{L}\p{N}]/u.test(name)) throw new RecordError(`${field}: no letter or digit`);
  if (codePoints(name) > MAX_NAME)
    throw new RecordError(`${field}: more than ${MAX_NAME} characters (${codePoints(name)})`);
  return name;
}

/**
 * The aliases of a record: trimmed, checked, the name itself and repeats (by folded form) removed, and names
 * that can never be names (stop words, too short: ../usable-name.ts) left out with a warning.
 */
export function checkAliases(
  name: string,
  values: readonly unknown[],
  field: string,
  warnings: string[],
): string[] {
  const seen = new Set([matchKey(name)]);
  const out: string[] = [];
  values.forEach((raw, i) => {
    const alias = checkName(raw, `${field}[${i}]`);
    const key = matchKey(alias);
    if (seen.has(key)) return;
    seen.add(key);
    const unusable = unusableName(alias);
    if (unusable) warnings.push(`alias "${alias}" left out: ${unusable}`);
    else out.push(alias);
  });
  if (out.length > MAX_ALIASES)
    throw new RecordError(`${field}: more than ${MAX_ALIASES} names (${out.length})`);
  return out;
}

/**
 * A record's name and aliases once names that can never be names are out: when its own name is one ("One"),
 * its first usable alias stands for it (with a warning); with none, the record is invalid.
 */
export function usableNames(name: string, aliases: string[], field: string, warnings: string[]) {
  const unusable = unusableName(name);
  if (!unusable) return { name, aliases };
  const [first, ...rest] = aliases;
  if (first === undefined) throw new RecordError(`${field} "${name}": ${unusable}`);
  warnings.push(`name "${name}" left out (${unusable}): "${first}" stands for it`);
  return { name: first, aliases: rest };
}

/**
 * An ISO 3166-1 alpha-2 code in upper case; anything else (galaxies hold "mideast", "southKorea") is left
 * out with a warning rather than sinking the record: the names are what the import is for.
 */
export function readCountry(value: unknown, field: string, warnings: string[]): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' && /^[A-Za-z]{2}$/.test(value.trim())) return value.trim().toUpperCase();
  warnings.push(
    `${field} ${JSON.stringify(String(value).slice(0, 40))} is not an ISO 3166-1 alpha-2 code: left out`,
  );
  return undefined;
}

/** A description kept as notes, or a RecordError when it is over the limit. */
export function checkNotes(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new RecordError(`${field}: not a string`);
  const notes = value.trim();
  if (codePoints(notes) > MAX_NOTES)
    throw new RecordError(`${field}: more than ${MAX_NOTES} characters (${codePoints(notes)})`);
  return notes || undefined;
}

/** The web links among `values` (anything else, such as a `javascript:` URL, is dropped), deduplicated. */
export function webLinks(values: readonly unknown[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (typeof v !== 'string' || v.length > MAX_LINK || !isWebUrl(v.trim())) continue;
    out.add(v.trim());
    if (out.size === MAX_LINKS) break;
  }
  return [...out];
}

/** Whether a JSON value is a plain object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, printable form of a file's id for messages (files are hostile: never echo a megabyte). */
export function shortId(value: unknown): string | undefined {
  return typeof value === 'string' ? value.slice(0, 80) : undefined;
}
