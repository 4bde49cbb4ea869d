/**
 * The import's front door: takes a file's text, checks it against the incidents import's limits (size,
 * JSON), recognises a MISP galaxy cluster file or a STIX 2.1 bundle and hands it to that format's reader.
 * Anything else is refused with a reason that says what was expected.
 */
import { readImportJson } from '../../fields/import-file';
import { isObject, type ParsedImportFile } from './candidate';
import { looksLikeGalaxy, readMispGalaxy } from './misp-galaxy';
import { looksLikeStix, readStixBundle } from './stix-bundle';

/** Reads an import file's text into candidates, or says why it cannot be used. */
export function parseImportFile(text: string): ParsedImportFile {
  const read = readImportJson(text);
  if (!read.ok) return read;
  const data = read.data;
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
