/**
 * The field kit every contract is written with (incidents, the reader's KB, the backup file, messages):
 * valibot pieces for bounded text, web URLs, timestamps, dates and ids. Checks JSON Schema cannot say as a
 * keyword (a day that exists, a length in code points) carry their JSON Schema equivalent (`format`,
 * `maxLength`) as metadata, so the generated schema (`npm run schema`) says what the parser checks.
 */
import * as v from 'valibot';
import { ENTITY_ID_PATTERN } from '../kb/entity-id';
import {
  codePoints,
  DATE_PATTERN,
  DATE_TIME_PATTERN,
  isCalendarDate,
  isDateTime,
  isWebUrl,
  WEB_URL_PATTERN,
} from './formats';

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

/**
 * A UUID in its bare 8-4-4-4-12 form. The pattern is stated (not only `format: uuid`) because JSON Schema
 * validators also take a `urn:uuid:` prefix under that format, which the import does not.
 */
export const UuidSchema = v.pipe(
  v.string(),
  v.regex(/^[\dA-Fa-f]{8}(?:-[\dA-Fa-f]{4}){3}-[\dA-Fa-f]{12}$/, 'not a UUID'),
  v.metadata({ format: 'uuid' }),
);

/** An RFC 3339 date-time on a day that exists. */
export const TimestampSchema = v.pipe(
  v.string(),
  v.regex(DATE_TIME_PATTERN, 'not an RFC 3339 date-time (YYYY-MM-DDThh:mm:ssZ or ±hh:mm)'),
  v.check(isDateTime, 'not a date and time that exists'),
  v.metadata({ format: 'date-time' }),
);

/** An RFC 3339 full-date (YYYY-MM-DD) on a day that exists. */
export const CalendarDateSchema = v.pipe(
  v.string(),
  v.regex(DATE_PATTERN, 'not a date (YYYY-MM-DD)'),
  v.check(isCalendarDate, 'not a day that exists'),
  v.metadata({ format: 'date' }),
);

/** An http: or https: URL of at most `max` code points, in RFC 3986's grammar (JSON Schema's `uri`). */
export const webUrl = (max: number) =>
  v.pipe(
    text(max),
    v.regex(WEB_URL_PATTERN, 'not an http: or https: URL'),
    v.check(isWebUrl, 'not a valid URL (RFC 3986: no spaces or raw non-ASCII characters)'),
    v.metadata({ format: 'uri' }),
  );

/** The first problem of a failed parse, with where it is ("quote.exact: Invalid length…"). */
export function reasonOf(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  const path = v.getDotPath(issue);
  return path ? `${path}: ${issue.message}` : issue.message;
}
