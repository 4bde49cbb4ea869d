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

/** One schema error, where it is in the bundle and what is wrong. */
export interface SchemaError {
  instancePath: string;
  message?: string;
}

/**
 * A validator for a STIX 2.1 bundle as the official validator checks one: the envelope, then every object
 * by its own type's schema (the vendored bundle schema's list of types lacks `note`, `opinion` and
 * `location`, which would fall into its custom-object branch). Like ajv's, its `errors` hold the last call's.
 */
export function stixValidator() {
  const one = stixObjectValidator();
  const validate = (bundle: unknown): boolean => {
    const errors: SchemaError[] = [];
    const b = bundle as { type?: unknown; id?: unknown; objects?: unknown };
    if (b?.type !== 'bundle') errors.push({ instancePath: '/type', message: 'must be "bundle"' });
    if (
      typeof b?.id !== 'string' ||
      !/^bundle--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(b.id)
    )
      errors.push({ instancePath: '/id', message: 'must be bundle--<uuid>' });
    if (!Array.isArray(b?.objects) || b.objects.length === 0)
      errors.push({ instancePath: '/objects', message: 'must be a list of at least one object' });
    else
      b.objects.forEach((o: { type: string }, i: number) => {
        for (const e of one(o))
          errors.push({ instancePath: `/objects/${i}${e.instancePath}`, message: e.message });
      });
    validate.errors = errors.length ? errors : null;
    return errors.length === 0;
  };
  validate.errors = null as SchemaError[] | null;
  return validate;
}

/**
 * Rules of the official OASIS validator (cti-stix-validator) beyond the JSON schemas, ported: its tables are
 * vendored in tests/fixtures/stix2.1-validator/rules.json (from its `v21/enums.py`, BSD licence). The Python
 * validator itself cannot be installed here (PyPI is out of reach), so these are its checks in TypeScript.
 */
interface ValidatorRules {
  relationships: Record<string, Record<string, string | string[]>>;
  commonRelationships: string[];
  properties: Record<string, string[]>;
  vocabProperties: Record<string, string[]>;
  vocabularies: Record<string, string[]>;
}
const RULES = JSON.parse(
  readFileSync('tests/fixtures/stix2.1-validator/rules.json', 'utf8'),
) as ValidatorRules;
/** Properties every object may carry (the validator's RESERVED_PROPERTIES and the common ones). */
const COMMON_PROPS = new Set([
  'type',
  'id',
  'spec_version',
  'created',
  'modified',
  'created_by_ref',
  'revoked',
  'labels',
  'confidence',
  'lang',
  'external_references',
  'object_marking_refs',
  'granular_markings',
  'extensions',
]);

type Obj = Record<string, unknown> & { type: string; id: string };

/**
 * What the official validator would say of a bundle: `errors` are its MUSTs (timestamps in order); `warnings`
 * its SHOULDs with its default options plus `--enforce_refs` (suggested relationship types, vocabularies,
 * the `x_source_name` form of custom properties, references to objects in the bundle, duplicate ids), each
 * prefixed with the validator's check name. `uuid-check` (SHOULD use UUIDv4) is listed apart in `uuidV5`:
 * APT Lens's deterministic ids are UUIDv5 on purpose (docs/stix.md).
 */
export function officialRules(bundle: { objects: Obj[] }): {
  errors: string[];
  warnings: string[];
  uuidV5: string[];
} {
  const errors: string[] = [];
  const warnings: string[] = [];
  const uuidV5: string[] = [];
  const ids = new Set(bundle.objects.map((o) => o.id));
  const seen = new Map<string, unknown>();
  for (const o of bundle.objects) {
    if (
      typeof o.created === 'string' &&
      typeof o.modified === 'string' &&
      Date.parse(o.modified) < Date.parse(o.created)
    )
      errors.push(
        `${o.id}: 'modified' (${o.modified}) must be later than or equal to 'created' (${o.created})`,
      );
    if (seen.has(o.id) && seen.get(o.id) === o.modified) warnings.push(`duplicate-ids: ${o.id}`);
    seen.set(o.id, o.modified);
    const version = o.id.split('--')[1]?.[14];
    if (version === '5') uuidV5.push(o.id);
    else if (version !== '4') warnings.push(`uuid-check: ${o.id} is not a UUIDv4`);
    const known = RULES.properties[o.type];
    for (const key of Object.keys(o)) {
      if (known && !known.includes(key) && !COMMON_PROPS.has(key) && !/^x_.+_.+$/.test(key))
        warnings.push(`custom-prefix: ${o.id} property ${key}`);
      const refs = key.endsWith('_ref') ? [o[key]] : key.endsWith('_refs') ? (o[key] as unknown[]) : [];
      for (const r of refs)
        if (!ids.has(r as string)) warnings.push(`enforce-refs: ${o.id} ${key} → ${r} not in the bundle`);
    }
    for (const prop of RULES.vocabProperties[o.type] ?? []) {
      const vocab = RULES.vocabularies[prop];
      const values = o[prop] === undefined ? [] : ([] as unknown[]).concat(o[prop]);
      for (const v of values) {
        if (typeof v !== 'string') continue;
        if (v !== v.toLowerCase() || /[ _]/.test(v)) warnings.push(`open-vocab-format: ${o.id} ${prop} ${v}`);
        if (vocab && !vocab.includes(v))
          warnings.push(`vocab: ${o.id} ${prop} ${v} is not in the vocabulary`);
      }
    }
    if (o.type === 'relationship') {
      const type = o.relationship_type as string;
      const from = (o.source_ref as string).split('--')[0]!;
      const to = (o.target_ref as string).split('--')[0]!;
      if (RULES.commonRelationships.includes(type)) continue;
      const targets = RULES.relationships[from]?.[type];
      if (!targets || !([] as string[]).concat(targets).includes(to))
        warnings.push(`relationship-types: ${from} ${type} ${to} is permitted, but not suggested`);
    }
  }
  return { errors, warnings, uuidV5 };
}

/**
 * The relationships OpenCTI creates from a STIX import (its `stixCoreRelationshipsMapping`, as listed in
 * OpenCTI's tests/data/stix_relationships.json), for the source types APT Lens writes; anything else it
 * refuses ("relationship not allowed") unless it is `related-to`.
 */
const OPENCTI_RELATIONSHIPS: Record<string, Record<string, string[]>> = {
  'intrusion-set': {
    'threat-actor': ['attributed-to'],
    identity: ['targets'],
    location: ['originates-from', 'targets'],
  },
  'threat-actor': {
    identity: ['attributed-to', 'impersonates', 'targets'],
    location: ['located-at', 'targets'],
  },
  identity: { location: ['located-at'] },
};

/** The object types misp-stix loads from an external STIX 2.1 bundle (its stix_object_loading_mapping). */
const MISP_LOADS = new Set([
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'indicator',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'marking-definition',
  'note',
  'observed-data',
  'opinion',
  'relationship',
  'report',
  'sighting',
  'threat-actor',
  'tool',
  'vulnerability',
]);

/** What OpenCTI or MISP would refuse in a bundle: relationships outside OpenCTI's table, types MISP skips. */
export function platformRefusals(bundle: { objects: Obj[] }): string[] {
  const out: string[] = [];
  for (const o of bundle.objects) {
    if (!MISP_LOADS.has(o.type)) out.push(`MISP: cannot load ${o.type}`);
    if (o.type !== 'relationship' || o.relationship_type === 'related-to') continue;
    const from = (o.source_ref as string).split('--')[0]!;
    const to = (o.target_ref as string).split('--')[0]!;
    if (!OPENCTI_RELATIONSHIPS[from]?.[to]?.includes(o.relationship_type as string))
      out.push(`OpenCTI: ${from} ${o.relationship_type} ${to} is not allowed`);
  }
  return out;
}
