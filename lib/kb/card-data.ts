import { getEntity, loadKb } from './index';
import type { Actor, Agency } from './types';

/** Everything the card shows for one entity, resolved by the background. */
export interface EntityCardData {
  kind: 'actor' | 'agency';
  entity: Actor | Agency;
  /** Names of the entities the card refers to (sponsor agency, parent agency, related actors), by id. */
  names: Record<string, string>;
  /** For an agency: the actors it is said to sponsor. */
  sponsors?: { id: string; name: string }[];
  /** What the reader's own KB (lib/overlay) says about the entity, when it says anything. */
  ours?: OursFacts;
}

/** What the reader's own KB adds to a card: the card marks all of it "ours". */
export interface OursFacts {
  /** The entity itself is the reader's (an `ours-` id), not a bundled one. */
  own: boolean;
  /** The reader's names for it, each with its vendor or `ours` (for an own entity: its aliases). */
  aliases: { name: string; source: string }[];
  /** For an own actor: the agency said to sponsor it (its name is in `names`). */
  sponsor?: string;
  notes: string;
  links: string[];
}

/** Resolves everything a card shows for one id: the entity plus the names of the entities it refers to. */
export function cardDataFor(id: string): EntityCardData | null {
  const found = getEntity(id);
  if (!found) return null;
  const names: Record<string, string> = {};
  const nameOf = (ref: string | undefined) => {
    const e = ref ? getEntity(ref) : undefined;
    if (ref && e) names[ref] = e.entity.name;
  };
  if (found.kind === 'actor') {
    nameOf(found.entity.sponsor?.agencyId);
    for (const r of found.entity.related) nameOf(r.id);
    return { kind: 'actor', entity: found.entity, names };
  }
  nameOf(found.entity.parent);
  const sponsors = loadKb()
    .actors.filter((a) => a.sponsor?.agencyId === id)
    .map((a) => ({ id: a.id, name: a.name }));
  return { kind: 'agency', entity: found.entity, names, sponsors };
}
