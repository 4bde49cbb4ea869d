/**
 * The prebuilt matcher: `lib/kb/data/matcher.json`, written by the KB compiler next to `names.ts` and
 * checked up to date by a test. Loading it costs a JSON parse and a base64 decode, instead of
 * folding and inserting ~4,000 names when a page opens (tens of milliseconds in a fresh tab).
 */
import type { MatcherData } from './compile';

/** Format version of `matcher.json`: bump when `MatcherData` changes shape. */
const MATCHER_VERSION = 3;

/** `matcher.json` as stored: the compiled tables and the format version. */
export interface MatcherFile extends MatcherData {
  version: typeof MATCHER_VERSION;
}

/** The committed file's exact text: one field per line, so a stale file is easy to spot in a diff. */
export function serializeMatcher(data: MatcherData): string {
  const fields: [keyof MatcherFile, unknown][] = [
    ['version', MATCHER_VERSION],
    ['rows', data.rows],
    ['labels', data.labels],
    ['first', data.first],
    ['accept', data.accept],
    ['sep', data.sep],
    ['groupStarts', data.groupStarts],
    ['groupRows', data.groupRows],
  ];
  return `{\n${fields.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',\n')}\n}\n`;
}
