/** The mutable actor records the merge stages build, before they are frozen into `Actor`s. */
import { fold, tidy } from './text';

/** One name of a draft, all spellings that fold to the same key, with what is known of its origin. */
export interface DraftName {
  spellings: string[];
  /** Vendor stated by an upstream record (not guessed from a scheme). */
  source?: string;
  legacy?: boolean;
  /** The joined name this is the spaced form of ("TheDarkOverlord"): it takes that name's credit. */
  spacedFrom?: string;
}

/** An actor under construction. */
export interface Draft {
  /** Internal key: the MISP uuid, or "mitre:G1234" / "microsoft:Name" for actors created from those. */
  key: string;
  name: string;
  id: string;
  names: Map<string, DraftName>;
  mispUuid?: string;
  attackId?: string;
  country?: string;
  motivation: Set<string>;
  firstSeen?: string;
  refs: string[];
  /** ATT&CK G-ids named in the MISP record's refs, synonyms or attributions (attach rule 2). */
  gidHints: Set<string>;
  /** Links to other drafts, by MISP uuid or draft key. */
  related: { uuid: string; type: string }[];
  /** MISP uuids of records merged into this one (identity.ts), so links to them still arrive. */
  formerUuids: string[];
  /** Ids the merged records had, so stored incidents that name them still find the actor. */
  formerIds: string[];
  /** Campaigns (operations) the actor is said to have run: shown on its card, never matched as it. */
  campaigns: Set<string>;
}

/** Creates an empty draft whose canonical name is also its first alias. */
export function newDraft(key: string, name: string, source?: string): Draft {
  const d: Draft = {
    key,
    name: tidy(name),
    id: '',
    names: new Map(),
    motivation: new Set(),
    refs: [],
    gidHints: new Set(),
    related: [],
    formerUuids: [],
    formerIds: [],
    campaigns: new Set(),
  };
  addName(d, name, source);
  return d;
}

/** ATT&CK, campaign and software ids are not names anyone writes in prose as an actor's name. */
export const BARE_ID = /^[GSCTM]\d{4}$/;

/**
 * Adds a name; spellings that fold together share one entry. The first stated source wins, since the
 * stages run from the most to the least specific record.
 */
export function addName(d: Draft, raw: string, source?: string, legacy?: boolean): void {
  const name = tidy(raw.replace(/^Subgroup:\s*/i, ''));
  if (!name || BARE_ID.test(name)) return;
  const key = fold(name);
  let entry = d.names.get(key);
  if (!entry) {
    entry = { spellings: [] };
    d.names.set(key, entry);
  }
  if (!entry.spellings.includes(name)) entry.spellings.push(name);
  if (source && !entry.source) entry.source = source;
  if (legacy) entry.legacy = true;
}

/** Adds references without duplicates, keeping their order. */
export function addRefs(d: Draft, refs: string[]): void {
  for (const r of refs) if (/^https?:\/\//.test(r) && !d.refs.includes(r)) d.refs.push(r);
}

/** Finds drafts by any name; rebuilt when drafts are added so attach rules see new actors too. */
export class NameIndex {
  private map = new Map<string, Set<Draft>>();

  constructor(drafts: Iterable<Draft>) {
    for (const d of drafts) this.add(d);
  }

  /** Indexes every current name of a draft. */
  add(d: Draft): void {
    for (const key of d.names.keys()) {
      let set = this.map.get(key);
      if (!set) {
        set = new Set();
        this.map.set(key, set);
      }
      set.add(d);
    }
  }

  /** Drafts that carry this name. */
  hits(name: string): Draft[] {
    return [...(this.map.get(fold(name)) ?? [])];
  }
}
