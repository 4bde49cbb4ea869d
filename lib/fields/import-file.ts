/**
 * What every import file shares (the backup file, a MISP galaxy, a STIX bundle): the size limits, the
 * reading of its text as JSON with plain-words errors, and the shape of a record that was skipped.
 */

/** Largest import file accepted, in characters (a 10,000-incident export is about 10 MB). */
export const MAX_IMPORT_CHARS = 32 * 1024 * 1024;
/** Most records (incidents, KB entries) one file may carry. */
export const MAX_IMPORT_RECORDS = 100_000;

/** One record that could not be read, and why (shown in the import summary). */
export interface InvalidRecord {
  index: number;
  id?: string;
  reason: string;
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
