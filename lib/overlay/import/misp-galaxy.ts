/**
 * Reads a MISP galaxy cluster file (the `threat-actor` galaxy's `clusters/*.json` shape: a title, a type
 * and a `values` list of clusters, each with a `value` name, a `uuid` and a `meta` object with `synonyms`,
 * `country`, `refs`) into import candidates. Any galaxy with that shape is read; an agency galaxy
 * (`intelligence-agencies`) gives agencies, every other one actors.
 */
import { MAX_IMPORT_RECORDS } from '../../fields/import-file';
import {
  ATTACK_GROUP_ID,
  attackIdOfUrl,
  checkAliases,
  checkName,
  checkNotes,
  type ImportCandidate,
  type InvalidRecord,
  isObject,
  type ParsedImportFile,
  RecordError,
  readCountry,
  shortId,
  usableNames,
  webLinks,
} from './candidate';

const WRONG_SHAPE = 'Not a MISP galaxy cluster file';

/** Whether a JSON object looks like it is meant to be a galaxy (so its errors speak of galaxies). */
export function looksLikeGalaxy(data: Record<string, unknown>): boolean {
  return 'values' in data || ('namespace' in data && 'uuid' in data);
}

/** Checks the structure of one cluster; a structural fault makes the whole file the wrong shape. */
function shapeError(raw: unknown, i: number): string | undefined {
  const at = `values[${i}]`;
  if (!isObject(raw)) return `${at} is not an object`;
  if (typeof raw.value !== 'string') return `${at} has no "value" (the cluster's name)`;
  if (raw.uuid !== undefined && typeof raw.uuid !== 'string') return `${at}.uuid is not a string`;
  if (raw.meta === undefined) return undefined;
  if (!isObject(raw.meta)) return `${at}.meta is not an object`;
  for (const key of ['synonyms', 'refs'] as const) {
    const list = raw.meta[key];
    if (list !== undefined && !Array.isArray(list)) return `${at}.meta.${key} is not a list`;
  }
  return undefined;
}

/** An ATT&CK id written after the name, as the mitre-intrusion-set galaxy does ("Ajax Security Team - G0130"). */
const ID_AFTER_NAME = /^(.*\S)\s+-\s+(G\d{4})$/;
/**
 * Brackets after an actor's name: a qualifier ("Anonymous (Collective)", "… Ransomware (Fake)") or another
 * name ("Defray (Glushkov)", "777(Legion)"). A page writes neither inside the name.
 */
const BRACKETS_AFTER_NAME = /^([^()]*[\p{L}\p{N}][^()]*?)\s*\(([^()]{1,40})\)$/u;
/** What a bracket says about the name rather than being one. */
const QUALIFIER = /fake|formerly|official|collective|deprecated|group|ransomware/i;

/** Tidal Cyber numbers the groups it adds itself from G3000 up, in the field it keeps ATT&CK's ids in. */
const TIDAL_OWN_IDS = 'G3000';

/**
 * Whether the galaxy retires the cluster: an ATT&CK object revoked (`revoked`, or `related` of type
 * `revoked-by`), deprecated (`x_mitre_deprecated`), or named "(Deprecated)" as Tidal's galaxy does.
 */
function isRetired(raw: Record<string, unknown>): boolean {
  const meta = isObject(raw.meta) ? raw.meta : {};
  if (raw.revoked === true || meta.revoked === true || meta.x_mitre_deprecated === true) return true;
  if (Array.isArray(raw.related) && raw.related.some((r) => isObject(r) && r.type === 'revoked-by'))
    return true;
  return typeof raw.value === 'string' && /\(deprecated\)\s*$/i.test(raw.value);
}

/** The ATT&CK group id a cluster's meta keeps, in the field each galaxy uses. */
function attackIdOf(meta: Record<string, unknown>): string | undefined {
  const ext = meta.external_id;
  if (typeof ext === 'string' && ATTACK_GROUP_ID.test(ext)) return ext;
  const tidal = meta.group_attack_id;
  if (typeof tidal === 'string' && ATTACK_GROUP_ID.test(tidal) && tidal < TIDAL_OWN_IDS) return tidal;
  return undefined;
}

function readCluster(raw: Record<string, unknown>, index: number, kind: ImportCandidate['kind']) {
  const meta = (raw.meta ?? {}) as Record<string, unknown>;
  const at = `values[${index}]`;
  const warnings: string[] = [];
  let value = checkName(raw.value, `${at}.value`);
  const suffix = ID_AFTER_NAME.exec(value);
  if (suffix) value = suffix[1]!;
  const brackets = kind === 'actor' ? BRACKETS_AFTER_NAME.exec(value) : null;
  /** The other name a bracket holds, read as an alias. */
  let bracketName: string | undefined;
  if (brackets) {
    value = brackets[1]!.trim();
    if (QUALIFIER.test(brackets[2]!)) warnings.push(`"(${brackets[2]})" left out of the name`);
    else bracketName = brackets[2]!.trim();
  }
  const refs = (meta.refs as unknown[] | undefined) ?? [];
  const synonyms = (meta.synonyms as unknown[] | undefined) ?? [];
  // The threat-actor galaxy files ATT&CK ids among the synonyms ("G0006"): an id, not a name.
  let attackId = attackIdOf(meta) ?? suffix?.[2];
  const names = synonyms.filter((s) => {
    if (typeof s === 'string' && ATTACK_GROUP_ID.test(s.trim())) {
      attackId ??= s.trim();
      return false;
    }
    return true;
  });
  for (const r of refs) attackId ??= typeof r === 'string' ? attackIdOfUrl(r) : undefined;
  const { name, aliases } = usableNames(
    value,
    checkAliases(value, bracketName ? [bracketName, ...names] : names, `${at}.meta.synonyms`, warnings),
    `${at}.value`,
    warnings,
  );
  const candidate: ImportCandidate = {
    ref: typeof raw.uuid === 'string' && raw.uuid ? raw.uuid : at,
    index,
    kind,
    name,
    aliases,
    country: readCountry(meta.country, `${at}.meta.country`, warnings),
    attackId,
    links: webLinks(refs),
    notes: checkNotes(raw.description, `${at}.description`),
    source: 'misp-galaxy',
    warnings,
  };
  return candidate;
}

/** Reads a parsed galaxy cluster file; structural faults refuse the file, a bad record is listed. */
export function readMispGalaxy(data: Record<string, unknown>): ParsedImportFile {
  if (!Array.isArray(data.values)) {
    return {
      ok: false,
      error:
        'namespace' in data
          ? `${WRONG_SHAPE}: this is a galaxy definition (it has no "values" list of clusters); import the cluster file, the one under clusters/ in misp-galaxy.`
          : `${WRONG_SHAPE}: "values" is not a list of clusters.`,
    };
  }
  if (data.values.length > MAX_IMPORT_RECORDS) {
    return {
      ok: false,
      error: `The galaxy has ${data.values.length} clusters; the limit is ${MAX_IMPORT_RECORDS}.`,
    };
  }
  const seen = new Map<string, number>();
  for (const [i, raw] of data.values.entries()) {
    const fault = shapeError(raw, i);
    if (fault) return { ok: false, error: `${WRONG_SHAPE}: ${fault}.` };
    const uuid = (raw as { uuid?: string }).uuid;
    if (!uuid) continue;
    const first = seen.get(uuid);
    if (first !== undefined) {
      return {
        ok: false,
        error: `The galaxy lists the uuid ${shortId(uuid)} twice (values[${first}] and values[${i}]); each cluster needs its own.`,
      };
    }
    seen.set(uuid, i);
  }
  const type = typeof data.type === 'string' ? data.type : '';
  const kind = /agenc/i.test(`${type} ${typeof data.category === 'string' ? data.category : ''}`)
    ? 'agency'
    : 'actor';
  const candidates: ImportCandidate[] = [];
  const invalid: InvalidRecord[] = [];
  let retired = 0;
  (data.values as Record<string, unknown>[]).forEach((raw, index) => {
    if (isRetired(raw)) {
      retired++;
      return;
    }
    try {
      candidates.push(readCluster(raw, index, kind));
    } catch (e) {
      if (!(e instanceof RecordError)) throw e;
      invalid.push({ index, id: shortId(raw.value), reason: e.message });
    }
  });
  const title = typeof data.name === 'string' && data.name.trim() ? data.name.trim().slice(0, 100) : type;
  return {
    ok: true,
    format: 'misp-galaxy',
    label: `MISP galaxy${title ? ` "${title}"` : ''}`,
    candidates,
    invalid,
    ignored: 0,
    retired,
  };
}
