/**
 * Writes the bundled names' prefilter (lib/match/prefilter-bundled.ts) from the public name table: what the
 * content script's first stage asks in every frame before it loads the matcher. Run after `npm run kb`:
 * `npx tsx scripts/prefilter/build.ts` (a test fails while it is stale).
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadNameTable } from '../../lib/kb/names';
import { encodePrefilter, prefilterKeys } from '../../lib/match/prefilter';

/** The generated module's text. */
export function bundledPrefilterModule(): string {
  const data = encodePrefilter(prefilterKeys(loadNameTable().map((r) => r.name)));
  return [
    '// Written by scripts/prefilter/build.ts from the bundled name table: do not edit.',
    "/** The bundled names' keys for the first stage's prefilter (`decodePrefilter` in ./prefilter.ts). */",
    `export const BUNDLED_PREFILTER =\n  '${data}';`,
    '',
    '/** Which keys these are: a stored copy with another id is from another version and is not used. */',
    `export const BUNDLED_PREFILTER_ID = '${createHash('sha256').update(data).digest('hex').slice(0, 16)}';`,
    '',
  ].join('\n');
}

export const BUNDLED_PREFILTER_PATH = fileURLToPath(
  new URL('../../lib/match/prefilter-bundled.ts', import.meta.url),
);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(BUNDLED_PREFILTER_PATH, bundledPrefilterModule());
}
