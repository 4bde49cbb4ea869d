import type { Curated } from '../../scripts/kb/curated';
import type { MispValue, MitreGroup, Upstream } from '../../scripts/kb/upstream';

/** A MISP threat-actor value with synonyms and optional name-attribution / related links. */
export function mispActor(
  uuid: string,
  value: string,
  synonyms: string[] = [],
  extra: Partial<MispValue> = {},
): MispValue {
  return { uuid, value, meta: { synonyms, ...(extra.meta ?? {}) }, related: extra.related ?? [] };
}

/** An active ATT&CK group. */
export function group(gid: string, name: string, aliases: string[] = [], uuid = `uuid-${gid}`): MitreGroup {
  return {
    id: `intrusion-set--${uuid}`,
    name,
    aliases: [name, ...aliases],
    external_references: [{ source_name: 'mitre-attack', external_id: gid }],
  };
}

/** An upstream snapshot with nothing in it but what a test adds. */
export function upstream(parts: Partial<Upstream>): Upstream {
  return {
    threatActors: [],
    producers: [],
    mispMitre: [],
    mispMicrosoft: [],
    net360: [],
    intelAgencies: [],
    targetInfo: [],
    mitreGroups: [],
    mitreCampaigns: [],
    microsoft: [],
    commits: { 'x/y': '0'.repeat(40) },
    snapshotDate: '2026-01-01',
    ...parts,
  };
}

/** Curated input with no facts, for tests that exercise upstream rules only. */
export function noCuration(parts: Partial<Curated> = {}): Curated {
  return {
    sponsors: {},
    aliases: [],
    overrides: { canonical: [], aliasSources: [], dropAliases: [], countries: [] },
    ordinaryWords: [],
    genericNames: [],
    products: [],
    vendorNames: {},
    agencies: [],
    credits: { credits: [], notCredited: [] },
    hygiene: { aliases: [], actors: [] },
    ransomware: { list: '', gangs: [] },
    groups: { list: '', gangs: [] },
    ...parts,
  };
}
