/**
 * Reads a STIX 2.1 bundle into import candidates: `intrusion-set` and `threat-actor` objects are actors,
 * an `identity` is an agency when something is `attributed-to` it, it has aliases, or it is in a government
 * sector (what APT Lens's own STIX export writes); a sponsor `threat-actor` (attributed to the identity of
 * its name) stands for that identity. Countries come from an object's `country` or from a
 * `location` it `originates-from` or is `located-at`; ATT&CK ids from `external_references`. The bundle must
 * hold together: an id twice, or a relationship pointing outside the bundle, refuses the file.
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

type StixObject = Record<string, unknown> & { type: string; id: string };

const NOT_A_BUNDLE = 'Not a STIX 2.1 bundle';
/** `type--uuid`, as STIX 2.1 identifiers are written. */
const STIX_ID =
  /^([a-z0-9][a-z0-9-]*[a-z0-9])--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ACTOR_TYPES = new Set(['intrusion-set', 'threat-actor']);
/** Relationship types that place an actor or an agency in a country (through a `location`). */
const PLACED = new Set(['originates-from', 'located-at']);

/** Whether a JSON object is meant to be STIX (so its errors speak of bundles). */
export function looksLikeStix(data: Record<string, unknown>): boolean {
  return data.type === 'bundle' || 'objects' in data || 'spec_version' in data;
}

/** Checks the bundle's structure; the first fault is the file's error. */
function structureError(data: Record<string, unknown>): string | undefined {
  if (data.type !== 'bundle')
    return `${NOT_A_BUNDLE}: its "type" is ${JSON.stringify(data.type ?? null).slice(0, 80)}, not "bundle".`;
  if (data.spec_version === '2.0') return 'This is a STIX 2.0 bundle; APT Lens reads STIX 2.1.';
  if (!Array.isArray(data.objects)) return `${NOT_A_BUNDLE}: it has no "objects" list.`;
  if (data.objects.length > MAX_IMPORT_RECORDS)
    return `The bundle has ${data.objects.length} objects; the limit is ${MAX_IMPORT_RECORDS}.`;
  return undefined;
}

function objectError(raw: unknown, i: number): string | undefined {
  const at = `objects[${i}]`;
  if (!isObject(raw)) return `${at} is not an object`;
  if (typeof raw.type !== 'string' || !raw.type) return `${at} has no "type"`;
  const m = typeof raw.id === 'string' ? STIX_ID.exec(raw.id) : null;
  if (!m) return `${at} (${raw.type.slice(0, 40)}) has no STIX id of the form type--uuid`;
  if (m[1] !== raw.type)
    return `${at}'s id ${shortId(raw.id)} does not start with its type "${raw.type.slice(0, 40)}--"`;
  if (raw.spec_version !== undefined && raw.spec_version !== '2.1')
    return `${at} is STIX ${JSON.stringify(raw.spec_version).slice(0, 20)}, not 2.1`;
  return undefined;
}

/** The names listed in `field` of a STIX object (a list of strings), or a RecordError. */
function nameList(obj: StixObject, field: string, at: string): unknown[] {
  const list = obj[field];
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new RecordError(`${at}.${field}: not a list`);
  return list;
}

interface Graph {
  byId: Map<string, StixObject>;
  /** Relationships by their source id. */
  from: Map<string, StixObject[]>;
  /** Ids something is `attributed-to`. */
  attributedTargets: Set<string>;
}

/**
 * The identity a sponsor `threat-actor` stands for: APT Lens (and the STIX 2.1 suggested form) writes an
 * actor's sponsor agency as intrusion-set → attributed-to → threat-actor → attributed-to → identity, the
 * threat actor named as the identity is. Undefined for any other threat actor.
 */
function sponsorIdentity(obj: StixObject, graph: Graph): StixObject | undefined {
  if (obj.type !== 'threat-actor') return undefined;
  for (const rel of graph.from.get(obj.id) ?? []) {
    const target = graph.byId.get(rel.target_ref as string);
    if (rel.relationship_type === 'attributed-to' && target?.type === 'identity' && target.name === obj.name)
      return target;
  }
  return undefined;
}

/**
 * An agency's name and country as APT Lens's export writes them, "Ministry of Foreign Affairs (Czechia)"
 * with `x_apt_lens_country: "CZ"`: the bare name and the code, so it matches the KB's agency again.
 */
function exportedAgencyName(obj: StixObject, name: string): { name: string; country?: string } {
  const code = obj.x_apt_lens_country;
  if (obj.type !== 'identity' || typeof code !== 'string') return { name };
  const bare = name.replace(/ \([^()]+\)$/, '');
  return { name: bare || name, country: code };
}

function readObject(obj: StixObject, index: number, graph: Graph): ImportCandidate {
  const at = `objects[${index}]`;
  const warnings: string[] = [];
  const exported = exportedAgencyName(obj, checkName(obj.name, `${at}.name`));
  const value = exported.name;
  const { name, aliases } = usableNames(
    value,
    checkAliases(
      value,
      [...nameList(obj, 'aliases', at), ...nameList(obj, 'x_opencti_aliases', at)],
      `${at}.aliases`,
      warnings,
    ),
    `${at}.name`,
    warnings,
  );
  const refs = Array.isArray(obj.external_references) ? obj.external_references.filter(isObject) : [];
  let attackId: string | undefined;
  for (const r of refs) {
    if (
      r.source_name === 'mitre-attack' &&
      typeof r.external_id === 'string' &&
      ATTACK_GROUP_ID.test(r.external_id)
    )
      attackId ??= r.external_id;
    if (typeof r.url === 'string') attackId ??= attackIdOfUrl(r.url);
  }
  const rels = graph.from.get(obj.id) ?? [];
  let country = readCountry(obj.country ?? exported.country, `${at}.country`, warnings);
  for (const rel of rels) {
    if (country || !PLACED.has(rel.relationship_type as string)) continue;
    const place = graph.byId.get(rel.target_ref as string);
    if (place?.type === 'location') country = readCountry(place.country, `${place.id}.country`, warnings);
  }
  let sponsor: ImportCandidate['sponsor'];
  for (const rel of rels) {
    if (rel.relationship_type !== 'attributed-to') continue;
    const via = graph.byId.get(rel.target_ref as string);
    const target = via && (sponsorIdentity(via, graph) ?? via);
    if (target?.type !== 'identity') continue;
    if (!sponsor)
      sponsor = {
        ref: target.id,
        name: shortId(exportedAgencyName(target, String(target.name)).name) ?? target.id,
      };
    else if (sponsor.ref !== target.id)
      warnings.push(
        `also attributed to ${shortId(target.name) ?? target.id}: only the first sponsor is kept`,
      );
  }
  return {
    ref: obj.id,
    index,
    kind: obj.type === 'identity' ? 'agency' : 'actor',
    name,
    aliases,
    country,
    ...(sponsor && obj.type !== 'identity' ? { sponsor } : {}),
    attackId,
    links: webLinks(refs.map((r) => r.url)),
    notes: checkNotes(obj.description, `${at}.description`),
    source: 'stix',
    warnings,
  };
}

/** Whether an identity is an agency worth importing (not, say, the author named in `created_by_ref`). */
function isAgency(obj: StixObject, graph: Graph): boolean {
  if (graph.attributedTargets.has(obj.id)) return true;
  if (Array.isArray(obj.aliases) || Array.isArray(obj.x_opencti_aliases)) return true;
  return (
    Array.isArray(obj.sectors) && obj.sectors.some((s) => typeof s === 'string' && s.startsWith('government'))
  );
}

/** Reads a parsed STIX bundle; a structural fault, a repeated id or a broken reference refuses the file. */
export function readStixBundle(data: Record<string, unknown>): ParsedImportFile {
  const fault = structureError(data);
  if (fault) return { ok: false, error: fault };
  const objects = data.objects as unknown[];
  const graph: Graph = { byId: new Map(), from: new Map(), attributedTargets: new Set() };
  const position = new Map<string, number>();
  for (const [i, raw] of objects.entries()) {
    const bad = objectError(raw, i);
    if (bad) return { ok: false, error: `${NOT_A_BUNDLE}: ${bad}.` };
    const obj = raw as StixObject;
    const first = position.get(obj.id);
    if (first !== undefined)
      return {
        ok: false,
        error: `The bundle holds the id ${obj.id} twice (objects[${first}] and objects[${i}]); each object needs its own.`,
      };
    position.set(obj.id, i);
    graph.byId.set(obj.id, obj);
  }
  for (const [i, raw] of objects.entries()) {
    const rel = raw as StixObject;
    if (rel.type !== 'relationship') continue;
    for (const end of ['source_ref', 'target_ref'] as const) {
      const ref = rel[end];
      if (typeof ref !== 'string')
        return { ok: false, error: `${NOT_A_BUNDLE}: relationship ${rel.id} (objects[${i}]) has no ${end}.` };
      if (!graph.byId.has(ref))
        return {
          ok: false,
          error: `Broken reference: relationship ${rel.id} (objects[${i}]) has ${end} ${shortId(ref)}, which is not in the bundle.`,
        };
    }
    const list = graph.from.get(rel.source_ref as string);
    if (list) list.push(rel);
    else graph.from.set(rel.source_ref as string, [rel]);
    if (rel.relationship_type === 'attributed-to') graph.attributedTargets.add(rel.target_ref as string);
  }
  const candidates: ImportCandidate[] = [];
  const invalid: InvalidRecord[] = [];
  let ignored = 0;
  let retired = 0;
  objects.forEach((raw, index) => {
    const obj = raw as StixObject;
    // A sponsor threat actor is its identity in another role: the identity is what is imported.
    const wanted =
      (ACTOR_TYPES.has(obj.type) && !sponsorIdentity(obj, graph)) ||
      (obj.type === 'identity' && isAgency(obj, graph));
    if (!wanted) {
      if (obj.type !== 'relationship' && obj.type !== 'location') ignored++;
      return;
    }
    // ATT&CK keeps revoked and deprecated objects beside the ones that replace them: not groups to add.
    if (obj.revoked === true || obj.x_mitre_deprecated === true) {
      retired++;
      return;
    }
    try {
      candidates.push(readObject(obj, index, graph));
    } catch (e) {
      if (!(e instanceof RecordError)) throw e;
      invalid.push({ index, id: obj.id, reason: e.message });
    }
  });
  return { ok: true, format: 'stix', label: 'STIX 2.1 bundle', candidates, invalid, ignored, retired };
}
