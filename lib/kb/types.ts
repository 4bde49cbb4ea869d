/**
 * The knowledge base's shape: shared by the compiler (scripts/build-kb.ts), the matcher, the cards,
 * search and the CLI. Compiled data in data/kb/ follows these types exactly.
 */

/** Why a matcher must be careful with an alias. */
export interface AliasFlags {
  /** The alias is an ordinary English word ("Nickel", "Patchwork"): needs name form and cyber context. */
  ordinaryWord?: boolean;
  /** Four characters or fewer: matched in its exact case only. */
  short?: boolean;
  /** Only the exact written case counts (all-caps codes, short names). */
  caseSensitive?: boolean;
  /** The same string names more than one actor: see `Alias.sharedWith`. */
  ambiguous?: boolean;
  /** A retired name (e.g. Microsoft's element names such as ZIRCONIUM). */
  legacy?: boolean;
  /**
   * An ordinary word that is a proper name in its other sense too (Turla the river, Lazarus, Confucius):
   * it is capitalized everywhere, so a capital at a sentence start weighs no less than one mid-sentence.
   */
  properName?: boolean;
}

/** One name of an actor, credited to the vendor (or body) that coined it when known. */
export interface Alias extends AliasFlags {
  name: string;
  /** Vendor or body that coined the name, e.g. "CrowdStrike"; absent when unknown. */
  source?: string;
  /** Other actor ids that are also called this (only when `ambiguous`). */
  sharedWith?: string[];
}

/** How sure the attribution is, in the words analysts use. */
export type Confidence = 'confirmed' | 'high' | 'moderate' | 'low' | 'suspected';

/** Who made an attribution. */
export type AttributorKind = 'government' | 'international' | 'vendor';

/** One public attribution: who said whom the actor works for, when, in what form, and where to read it. */
export interface AttributionEvent {
  /** Who made it: a government ("United States"), a body ("European Union") or a vendor ("Mandiant"). */
  by: string;
  kind: AttributorKind;
  /** The government's agencies that spoke ("DoJ", "Treasury"). */
  agencies?: string[];
  /** When it was made public (ISO date). */
  date: string;
  /** The form and its words: "indictment", "sanctions", "joint advisory", "vendor assessment"… */
  how: string;
  /** The sponsoring country it named (ISO 3166-1 alpha-2). */
  country: string;
  /** The KB agency it named, when it named one. */
  agencyId?: string;
  /** Where to read it. */
  refs: string[];
  /** The refs are the issuer's press-release index (the statement's own page address is not recorded). */
  refIsIndex?: boolean;
}

/** Who is said to be behind an actor: a state, where known the agency, and every public attribution. */
export interface Sponsor {
  /** ISO 3166-1 alpha-2 code. */
  country: string;
  /** Agency id in the KB, e.g. "cn-mss". */
  agencyId?: string;
  /** How sure the strongest attribution is. */
  confidence: Confidence;
  /** Every attribution, newest first. */
  events: AttributionEvent[];
}

/** How two actors relate. */
export type RelationKind = 'same' | 'overlaps' | 'part-of';

/** A link from one actor to another. */
export interface RelatedActor {
  id: string;
  kind: RelationKind;
}

/** A malware family or campaign upstream listed as an alias: shown as related, never matched as the group. */
export interface RelatedName {
  name: string;
  kind: 'malware' | 'campaign';
}

/** A threat actor (intrusion set, group). */
export interface Actor {
  /** Stable slug, e.g. "apt31". */
  id: string;
  /** Canonical display name, e.g. "APT31". */
  name: string;
  /** Every name, the canonical one included, each with its source. */
  aliases: Alias[];
  /** ISO 3166-1 alpha-2 code of the country the actor is said to operate from or for. */
  country?: string;
  sponsor?: Sponsor;
  /** MITRE ATT&CK group id, e.g. "G0128". */
  attackId?: string;
  /** MISP galaxy threat-actor uuid. */
  mispUuid?: string;
  /** Ids of actors merged into this one since (ATT&CK named them as this group): they still resolve. */
  formerIds?: string[];
  /** e.g. ["espionage"], ["financial"]. */
  motivation?: string[];
  /** Year or ISO date the actor was first reported. */
  firstSeen?: string;
  /** Reference URLs. */
  refs: string[];
  related: RelatedActor[];
  /** Malware and campaign names that upstream filed as aliases. */
  relatedNames?: RelatedName[];
  /** A one-line summary in the project's own words, when written. */
  summary?: string;
}

/** What sort of body an agency is. */
export type AgencyKind =
  | 'intelligence'
  | 'cyber-security'
  | 'cert'
  | 'law-enforcement'
  | 'military-unit'
  | 'ministry'
  /** Regulators and data-protection authorities (SEC, ICO, CNIL, Ofcom, NRC). */
  | 'regulator'
  /** Other government bodies the news names: tax, sanctions, nuclear-security offices (IRS, OFAC, NNSA). */
  | 'public-body'
  | 'international';

/** A government (or international) body the news names. */
export interface Agency {
  /** Stable slug, e.g. "cz-nukib". */
  id: string;
  /** The id this agency had before long ids were shortened to fit the id pattern (still resolves). */
  formerId?: string;
  /** English name, e.g. "National Cyber and Information Security Agency". */
  name: string;
  /** Abbreviations as the press writes them, diacritics included (e.g. "NÚKIB"). */
  abbreviations: string[];
  /** Names in the country's own languages. */
  localNames: string[];
  /** Other English names the press uses ("State Department", "Ministry of Foreign Affairs of the Czech Republic"). */
  otherNames?: string[];
  /** ISO 3166-1 alpha-2 code; absent for international bodies. */
  country?: string;
  kind: AgencyKind;
  /** Parent agency id. */
  parent?: string;
  /**
   * Abbreviations shared with other agencies that mean this one when a text gives no country (NCSC is
   * the UK's centre to most of the English press).
   */
  primaryFor?: string[];
  refs?: string[];
}

/** The compiled knowledge base. */
export interface KnowledgeBase {
  actors: Actor[];
  agencies: Agency[];
}

/** Facts about the compiled data, shown in the popup and README. */
export interface KbManifest {
  version: string;
  builtAt: string;
  /** Date of the newest fact in the KB: the upstream snapshot or the newest curated attribution. */
  newestFact: string;
  /** Date of the newest sponsor attribution. */
  newestAttribution?: string;
  upstream: Record<string, string>;
  counts: Record<string, number>;
}

/** Bits of `NameRow.flags`, mirroring `AliasFlags`, so the name table stays compact. */
export const NameFlag = {
  ordinaryWord: 1,
  short: 2,
  caseSensitive: 4,
  ambiguous: 8,
  legacy: 16,
  properName: 32,
  /** The entity a shared name means when the text does not say which (`Agency.primaryFor`). */
  primary: 64,
  /**
   * A name general text uses in another sense (a word, phrase, brand, place, short acronym; for agencies an
   * acronym with another common meaning): it counts only with evidence next to it (scripts/kb/risk.ts).
   */
  generic: 128,
  /** One invented word no word list knows (Kimsuky): it counts once the page is about security. */
  coinage: 256,
} as const;

/**
 * One name the matcher looks for. The content script loads only this table (packed in data/kb/tables.json, one
 * packed string), not the whole KB; cards ask the background for the full entity by id.
 */
export interface NameRow {
  name: string;
  id: string;
  kind: 'actor' | 'agency';
  /** `NameFlag` bits. */
  flags: number;
  /** Canonical name of the entity. */
  canonical: string;
  country?: string;
  /** For agencies: their kind (the matcher treats generic ministry names differently). */
  agencyKind?: AgencyKind;
}

/** The serialized name table: rows as tuples in `NameRow` field order, to keep the file small. */
export interface NameTableFile {
  version: 1;
  rows: [string, string, 'actor' | 'agency', number, string, string?, AgencyKind?][];
}
