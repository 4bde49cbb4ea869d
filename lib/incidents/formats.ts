/**
 * The string formats the incident contract uses, checked strictly so that what the import accepts is
 * exactly what the published JSON Schema accepts: RFC 3339 date-times and calendar dates that exist,
 * web URLs only, and lengths counted in Unicode code points (JSON Schema's `maxLength` unit).
 */

/** RFC 3339 `date-time` (upper-case T and Z, as `Date.toISOString` writes them); the fields are range-checked below. */
export const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** RFC 3339 `full-date`. */
export const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A URL whose scheme is http or https, in any letter case (the scheme is case-insensitive). */
export const WEB_URL_PATTERN = /^[Hh][Tt][Tt][Pp][Ss]?:\/\//;

/** Whether year-month-day names a day the calendar has (2024-02-29 yes, 2023-02-29 and 2024-02-30 no). */
function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** An RFC 3339 full-date that exists. */
export function isCalendarDate(s: string): boolean {
  const m = DATE_PATTERN.exec(s);
  return !!m && isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * An RFC 3339 date-time whose date exists and whose time and offset are in range. A leap second (:60) is
 * refused: `Date.parse` cannot read it, and the import compares `updatedAt` values with it.
 */
export function isDateTime(s: string): boolean {
  const m = DATE_TIME_PATTERN.exec(s);
  if (!m || !isRealDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[7] !== undefined && (Number(m[7]) > 23 || Number(m[8]) > 59)) return false;
  return !Number.isNaN(Date.parse(s));
}

/** An absolute http: or https: URL that parses (so a `javascript:` link never reaches a page). */
export function isWebUrl(s: string): boolean {
  if (!WEB_URL_PATTERN.test(s)) return false;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Length in Unicode code points: an emoji counts 1, as JSON Schema counts it (UTF-16 `.length` says 2). */
export function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
