/**
 * The import's front door: takes a file's text, checks it against the incidents import's limits (size,
 * JSON), recognises a MISP galaxy cluster file or a STIX 2.1 bundle and hands it to that format's reader.
 * Anything else is refused with a reason that says what was expected.
 */
import { MAX_IMPORT_CHARS } from '../../incidents/schema';
import { isObject, type ParsedImportFile } from './candidate';
import { looksLikeGalaxy, readMispGalaxy } from './misp-galaxy';
import { looksLikeStix, readStixBundle } from './stix-bundle';

/** Reads an import file's text into candidates, or says why it cannot be used. */
export function parseImportFile(text: string): ParsedImportFile {
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
  if (isObject(data)) {
    if (looksLikeStix(data)) return readStixBundle(data);
    if (looksLikeGalaxy(data)) return readMispGalaxy(data);
  }
  return {
    ok: false,
    error:
      'The file is neither a MISP galaxy cluster file (an object with a "values" list) nor a STIX 2.1 bundle (an object with "type": "bundle" and an "objects" list).',
  };
}
