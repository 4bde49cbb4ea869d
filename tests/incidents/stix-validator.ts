import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** The official STIX 2.1 JSON schemas (oasis-open/cti-stix2-json-schemas, vendored under their BSD licence). */
const ROOT = 'tests/fixtures/stix2.1-schemas/schemas';
const BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas';

/** An ajv validator for a STIX 2.1 bundle, built from the vendored schemas (no network). */
export function stixValidator() {
  // The schemas' patterns use escapes that are invalid in unicode-mode regular expressions.
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  // Only the domain-name observable uses it, and the export has none: accept it rather than warn.
  ajv.addFormat('idn-hostname', true);
  for (const dir of readdirSync(ROOT)) {
    for (const f of readdirSync(join(ROOT, dir)))
      ajv.addSchema(JSON.parse(readFileSync(join(ROOT, dir, f), 'utf8')));
  }
  return ajv.getSchema(`${BASE}/common/bundle.json`)!;
}
