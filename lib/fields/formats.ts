/**
 * The string formats every contract uses (incidents, the reader's KB, the backup file, messages), checked
 * strictly so that what an import accepts is exactly what the published JSON Schema accepts: RFC 3339
 * date-times and calendar dates that exist, web URLs in RFC 3986's grammar (JSON Schema's `uri`), and
 * lengths counted in Unicode code points (JSON Schema's `maxLength` unit). `tests/fields/parity.test.ts`
 * feeds the same generated strings to these checks and to a JSON Schema validator.
 */

/**
 * RFC 3339 `date-time` (upper-case T and Z, as `Date.toISOString` writes them); the fields are range-checked
 * below. Seconds stop at 59: the pattern itself refuses a leap second, which `Date.parse` cannot read (the
 * import compares `updatedAt` values with it) and JSON Schema's `date-time` would otherwise accept.
 */
export const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):([0-5]\d)(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;

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

/** An RFC 3339 date-time whose date exists and whose time and offset are in range (no leap second). */
export function isDateTime(s: string): boolean {
  const m = DATE_TIME_PATTERN.exec(s);
  if (!m || !isRealDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[7] !== undefined && (Number(m[7]) > 23 || Number(m[8]) > 59)) return false;
  return !Number.isNaN(Date.parse(s));
}

/**
 * RFC 3986's URI grammar, as JSON Schema's `uri` format checks it (this is the grammar ajv-formats uses,
 * MIT licence): the same characters are refused on both sides, a space or a raw non-ASCII letter among them.
 */
const RFC3986_URI =
  /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;

/**
 * An absolute http: or https: URI in RFC 3986's grammar (so a `javascript:` link never reaches a page, and
 * `https://exa mple.org/` is refused as the published schema refuses it). A browser's own addresses are
 * always in this form; one that the URL parser still refuses (`http://a.123/`) is stored with an empty site.
 */
export function isWebUrl(s: string): boolean {
  return WEB_URL_PATTERN.test(s) && RFC3986_URI.test(s);
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

/** The host name of a URL, or "" for anything that does not parse (the site index needs a string). */
export function siteOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
