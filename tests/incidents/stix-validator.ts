import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** The official STIX 2.1 JSON schemas (oasis-open/cti-stix2-json-schemas, vendored under their BSD licence). */
const ROOT = 'tests/fixtures/stix2.1-schemas/schemas';
const BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas';

/** Ajv with every vendored STIX 2.1 schema added (no network). */
function stixAjv() {
  // The schemas' patterns use escapes that are invalid in unicode-mode regular expressions.
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  // Only the domain-name observable uses it, and the export has none: accept it rather than warn.
  ajv.addFormat('idn-hostname', true);
  for (const dir of readdirSync(ROOT)) {
    for (const f of readdirSync(join(ROOT, dir)))
      ajv.addSchema(JSON.parse(readFileSync(join(ROOT, dir, f), 'utf8')));
  }
  return ajv;
}

/** An ajv validator for a STIX 2.1 bundle, built from the vendored schemas (no network). */
export function stixValidator() {
  return stixAjv().getSchema(`${BASE}/common/bundle.json`)!;
}

/**
 * A validator for one STIX object by its own type's schema. The vendored bundle schema lists no `location`
 * (it falls into the custom-object branch, which it cannot pass), so a bundle with locations is checked
 * object by object.
 */
export function stixObjectValidator() {
  const ajv = stixAjv();
  return (obj: { type: string }) => {
    const dir = obj.type === 'relationship' || obj.type === 'sighting' ? 'sros' : 'sdos';
    const validate = ajv.getSchema(`${BASE}/${dir}/${obj.type}.json`);
    if (!validate) throw new Error(`no schema for ${obj.type}`);
    return validate(obj) ? [] : (validate.errors ?? []);
  };
}
