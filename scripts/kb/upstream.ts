/** Reads the upstream snapshot in ../shared/data/upstream into plain typed records for the other stages. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A MISP galaxy cluster value (threat actor, producer, agency…): only the fields the compiler reads. */
export interface MispValue {
  value: string;
  uuid: string;
  meta?: Record<string, unknown>;
  related?: { 'dest-uuid': string; type: string }[];
}

/** A STIX 2.0 intrusion set from mitre/cti, trimmed to what attaching a group needs. */
export interface MitreGroup {
  id: string;
  name: string;
  aliases?: string[];
  revoked?: boolean;
  x_mitre_deprecated?: boolean;
  external_references: { source_name: string; external_id?: string; url?: string; description?: string }[];
}

/** An ATT&CK campaign (C-id) and the groups ATT&CK attributes it to (STIX intrusion-set ids). */
export interface MitreCampaign {
  id: string;
  name: string;
  aliases?: string[];
  revoked?: boolean;
  x_mitre_deprecated?: boolean;
  attributedTo: string[];
}

/** One row of Microsoft's naming map. */
export interface MicrosoftName {
  'Threat actor name': string;
  'Origin/Threat': string;
  'Other names': string;
}

/** Everything the compiler takes from upstream; tests build small ones by hand. */
export interface Upstream {
  threatActors: MispValue[];
  producers: MispValue[];
  mispMitre: MispValue[];
  mispMicrosoft: MispValue[];
  net360: MispValue[];
  intelAgencies: MispValue[];
  targetInfo: MispValue[];
  mitreGroups: MitreGroup[];
  mitreCampaigns: MitreCampaign[];
  microsoft: MicrosoftName[];
  /** Repository → commit, and the newest snapshot date, from SOURCES.md. */
  commits: Record<string, string>;
  snapshotDate: string;
}

const readJson = <T>(dir: string, path: string): T => JSON.parse(readFileSync(join(dir, path), 'utf8')) as T;
const cluster = (dir: string, name: string) =>
  readJson<{ values: MispValue[] }>(dir, `misp-galaxy/${name}.json`).values;

/** Loads the snapshot; throws if a file is missing, because a partial build would silently lose actors. */
export function readUpstream(dir: string): Upstream {
  const sources = readFileSync(join(dir, 'SOURCES.md'), 'utf8');
  const commits: Record<string, string> = {};
  const dates: string[] = [];
  for (const m of sources.matchAll(
    /Repository: `([^`]+)`, HEAD commit `([0-9a-f]{40})` \((\d{4}-\d{2}-\d{2})/g,
  )) {
    commits[m[1]!] = m[2]!;
    dates.push(m[3]!);
  }
  if (dates.length === 0) throw new Error(`no repository commits found in ${join(dir, 'SOURCES.md')}`);
  const stix = readJson<{ objects: (MitreGroup & { type: string })[] }>(dir, 'mitre-cti/intrusion-sets.json');
  const campaigns = readJson<{
    objects: {
      type: string;
      id: string;
      relationship_type?: string;
      source_ref?: string;
      target_ref?: string;
    }[];
  }>(dir, 'mitre-cti/campaigns.json').objects;
  const attributed = (id: string) =>
    campaigns
      .filter((o) => o.relationship_type === 'attributed-to' && o.source_ref === id && o.target_ref)
      .map((o) => o.target_ref!);
  return {
    threatActors: cluster(dir, 'threat-actor'),
    producers: cluster(dir, 'producer'),
    mispMitre: cluster(dir, 'mitre-intrusion-set'),
    mispMicrosoft: cluster(dir, 'microsoft-activity-group'),
    net360: cluster(dir, '360net'),
    intelAgencies: cluster(dir, 'intelligence-agencies'),
    targetInfo: cluster(dir, 'target-information'),
    mitreGroups: stix.objects.filter((o) => o.type === 'intrusion-set'),
    mitreCampaigns: campaigns
      .filter((o) => o.type === 'campaign')
      .map((o) => ({ ...(o as unknown as MitreCampaign), attributedTo: attributed(o.id) })),
    microsoft: readJson<MicrosoftName[]>(dir, 'microsoft-mstic/MicrosoftMapping.json'),
    commits,
    snapshotDate: dates.sort().at(-1)!,
  };
}

/** Reads a string list from a MISP meta field that is sometimes a string and sometimes an array. */
export function metaList(meta: Record<string, unknown> | undefined, key: string): string[] {
  const v = meta?.[key];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The ATT&CK G-id of a STIX group. */
export function groupId(g: MitreGroup): string {
  return g.external_references.find((r) => r.source_name === 'mitre-attack')?.external_id ?? '';
}
