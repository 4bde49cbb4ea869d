/**
 * Alias hygiene: rows that are not a name of the group. Structural problems (a list of names in one row, a
 * vendor note in brackets, a placeholder) are caught by rule; malware, campaigns and mistaken merges come
 * from data/alias-hygiene.json, each with its reason. Malware and campaign names stay on the actor as
 * related names, since a reader still wants to know them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Why a curated row is not an alias; malware and campaigns are kept as related names. */
export type HygieneKind = 'malware' | 'campaign' | 'not-this-group' | 'noise';

/** One curated row of data/alias-hygiene.json. */
export interface HygieneRow {
  name: string;
  /** Only on this actor id; otherwise on every actor. */
  actor?: string;
  kind: HygieneKind;
  reason: string;
}

/** data/alias-hygiene.json: rows to drop, and upstream records that are no actor at all (placeholders). */
export interface Hygiene {
  aliases: HygieneRow[];
  actors: { mispUuid: string; name: string; reason: string }[];
}

/** Loads data/alias-hygiene.json. */
export function readHygiene(dir: string): Hygiene {
  return JSON.parse(readFileSync(join(dir, 'alias-hygiene.json'), 'utf8')) as Hygiene;
}

/** The structural check every alias in the KB must pass; returns what is wrong, or undefined. */
export function aliasProblem(name: string): string | undefined {
  if (name !== name.trim() || /\s{2}/.test(name)) return 'stray spaces';
  if (/[,;]/.test(name)) return 'several names in one row';
  if (/^\[.*\]$/.test(name) || /^(?:unnamed|unknown)(?: |$)/i.test(name)) return 'a placeholder, not a name';
  if (/[（）【】]/.test(name)) return 'a name with a gloss in full-width brackets';
  if (/\((?:[^)]*\b(?:IBM|NSHC|NHSC|Palo Alto|Group|campaign)\b[^)]*)\)$/i.test(name))
    return 'a name with a note in brackets';
  if (/[\u2010\u2011]/.test(name)) return 'a typographic hyphen';
  if (/\bcampaign$/i.test(name)) return 'a campaign, not a group';
  if (/^[^\p{L}\p{N}]|[^\p{L}\p{N}$+)!.]$/u.test(name)) return 'stray punctuation at an end';
  return undefined;
}
