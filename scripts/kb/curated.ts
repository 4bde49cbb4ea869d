/** The project's own curated facts in data/: their shapes and a loader that checks them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Agency } from '../../lib/kb/types';
import type { CuratedSponsor } from './attributions';
import { type CreditData, readCredits } from './credits';
import { type Hygiene, readHygiene } from './hygiene';
import { type RansomwareData, readGangs } from './ransomware';

/** Picks one actor before ids exist: by MISP uuid, ATT&CK id or current canonical name. */
export interface ActorMatch {
  mispUuid?: string;
  attackId?: string;
  name?: string;
}

/** Upstream errors and naming choices, each with the reason it is needed. */
export interface Overrides {
  /** Canonical names (and ids) analysts use where upstream picked another name. */
  canonical: { match: ActorMatch; name: string; id?: string; reason: string }[];
  /** Vendor credits that upstream has wrong or lacks and no naming scheme can tell. */
  aliasSources: { name: string; source: string; legacy?: boolean; reason: string }[];
  /** Names dropped everywhere (or only from one actor): useless or harmful as page names. */
  dropAliases: { name: string; actor?: string; reason: string }[];
  /** Country fixes. */
  countries: { actor: string; country: string; reason: string }[];
}

/** An alias no upstream has (e.g. RedBravo — Recorded Future). */
export interface ExtraAlias {
  actor: string;
  name: string;
  source?: string;
  legacy?: boolean;
}

/** A curated agency; `upstream` names the MISP intelligence-agencies value it replaces, if any. */
export interface CuratedAgency extends Agency {
  upstream?: string;
  /** MISP producer.json value whose synonyms are merged in (CISA, CERT-UA…). */
  producer?: string;
}

/** All curated input. */
export interface Curated {
  /** Attributions as events, by actor id (data/sponsors.json). */
  sponsors: Record<string, CuratedSponsor>;
  aliases: ExtraAlias[];
  overrides: Overrides;
  /** Names that are ordinary words outside security though no dictionary lists them, with the reason. */
  ordinaryWords: { name: string; reason: string }[];
  /**
   * Names that general text uses in another sense, though no word list has them (brands, acronyms of other
   * bodies), with the reason: the name-risk model treats them as generic.
   */
  genericNames: { name: string; reason: string }[];
  /**
   * Software and product names (brands no brand list has), with the reason: general text uses them, and a
   * retired vendor name that is one is not matched at all.
   */
  products: { name: string; reason: string }[];
  /** Producer names as the cards should credit them ("Palo Alto" → "Palo Alto Networks"). */
  vendorNames: Record<string, string>;
  agencies: CuratedAgency[];
  /** Alias credits no upstream or scheme gives, and scheme lookalikes (data/credits.json). */
  credits: CreditData;
  /** Rows that are not names of the group and records that are no actor, each with its reason. */
  hygiene: Hygiene;
  /** Ransomware and extortion gangs (data/ransomware.json). */
  ransomware: RansomwareData;
  /** Hacktivist, extortion and cybercrime groups no upstream carries (data/groups.json). */
  groups: RansomwareData;
}

const read = <T>(dir: string, file: string): T => JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;

/** Loads data/; every file is required so a missing one fails the build instead of thinning the KB. */
export function readCurated(dir: string): Curated {
  return {
    sponsors: read(dir, 'sponsors.json'),
    aliases: read(dir, 'aliases.json'),
    overrides: read(dir, 'overrides.json'),
    ordinaryWords: read(dir, 'ordinary-words.json'),
    genericNames: read(dir, 'generic-names.json'),
    products: read(dir, 'products.json'),
    vendorNames: read(dir, 'vendors.json'),
    agencies: read(dir, 'agencies.json'),
    credits: readCredits(dir),
    hygiene: readHygiene(dir),
    ransomware: readGangs(dir, 'ransomware.json'),
    groups: readGangs(dir, 'groups.json'),
  };
}
