/**
 * The one lookup over the bundled KB and the reader's overlay: any id, bundled or `ours-`, resolves to its
 * entity and card data; the bundled data itself is never changed, the overlay is laid over it when read.
 * Built once per overlay change (background, popup, dashboard); everything else treats ids as opaque.
 */
import { cardDataFor, type EntityCardData, type OursFacts } from '../kb/card-data';
import { getEntity, loadKb } from '../kb/index';
import type { Actor, Agency, KnowledgeBase } from '../kb/types';
import { EMPTY_OVERLAY, type Overlay, type OverlayEntity, type OverlayExtension } from './model';

/** An entity resolved by id: bundled or the reader's own (`ours` says which, and what the reader added). */
export type ResolvedEntity =
  | { kind: 'actor'; entity: Actor; ours?: OursFacts }
  | { kind: 'agency'; entity: Agency; ours?: OursFacts };

/**
 * An own entity in the bundled KB's shape, so search, cards and exports read it as they read the others.
 * An agency gets the kind `intelligence` only because the shape requires one: cards do not show it for the
 * reader's agencies, whose kind the overlay does not record.
 */
export function asKbEntity(
  e: OverlayEntity,
): { kind: 'actor'; entity: Actor } | { kind: 'agency'; entity: Agency } {
  const country = e.country ? { country: e.country } : {};
  if (e.kind === 'actor') {
    return {
      kind: 'actor',
      entity: {
        id: e.id,
        name: e.name,
        aliases: [{ name: e.name, source: 'ours' }, ...e.aliases],
        ...country,
        ...(e.attackId ? { attackId: e.attackId } : {}),
        refs: e.links,
        related: [],
      },
    };
  }
  return {
    kind: 'agency',
    entity: {
      id: e.id,
      name: e.name,
      abbreviations: [],
      localNames: [],
      otherNames: e.aliases.map((a) => a.name),
      ...country,
      kind: 'intelligence',
      refs: e.links,
    },
  };
}

function factsOf(entry: OverlayEntity | OverlayExtension, own: boolean): OursFacts {
  return {
    own,
    aliases: entry.aliases.map((a) => ({ name: a.name, source: a.source })),
    ...(own && (entry as OverlayEntity).sponsor ? { sponsor: (entry as OverlayEntity).sponsor } : {}),
    notes: entry.notes,
    links: entry.links,
  };
}

/** The bundled KB and one overlay, resolved together. */
export class OverlayLookup {
  private readonly own = new Map<string, OverlayEntity>();
  private readonly added = new Map<string, OverlayExtension>();
  /** Own actors by the agency said to sponsor them (a bundled agency's card lists them too). */
  private readonly sponsored = new Map<string, OverlayEntity[]>();

  constructor(readonly overlay: Overlay = EMPTY_OVERLAY) {
    for (const e of overlay.entities) {
      this.own.set(e.id, e);
      if (e.sponsor) this.sponsored.set(e.sponsor, [...(this.sponsored.get(e.sponsor) ?? []), e]);
    }
    for (const x of overlay.extensions) this.added.set(x.extends, x);
  }

  /** Any id (bundled, a bundled agency's former id, or `ours-`) to its entity, with the reader's additions. */
  entity(id: string): ResolvedEntity | undefined {
    const own = this.own.get(id);
    if (own) return { ...asKbEntity(own), ours: factsOf(own, true) };
    const found = getEntity(id);
    if (!found) return undefined;
    const x = this.added.get(found.entity.id);
    return x ? { ...found, ours: factsOf(x, false) } : found;
  }

  /** The display name of any id, or the id itself when nothing has it. */
  name(id: string): string {
    return this.entity(id)?.entity.name ?? id;
  }

  /** Everything a card shows for an id, the reader's additions marked `ours`. */
  card(id: string): EntityCardData | null {
    const own = this.own.get(id);
    if (own) {
      const { kind, entity } = asKbEntity(own);
      const names: Record<string, string> = {};
      if (own.sponsor) names[own.sponsor] = this.name(own.sponsor);
      const data: EntityCardData =
        kind === 'actor' ? { kind, entity, names } : { kind, entity, names, sponsors: this.sponsorsOf(id) };
      return { ...data, ours: factsOf(own, true) };
    }
    const base = cardDataFor(id);
    if (!base) return null;
    const x = this.added.get(base.entity.id);
    const extra = base.kind === 'agency' ? this.sponsorsOf(base.entity.id) : [];
    if (!x && extra.length === 0) return base;
    return {
      ...base,
      ...(extra.length ? { sponsors: [...(base.sponsors ?? []), ...extra] } : {}),
      ...(x ? { ours: factsOf(x, false) } : {}),
    };
  }

  /**
   * The KB as search and facets should see it: the bundled entities with the reader's names added (a
   * bundled agency's go with its other names), then the reader's own entities.
   */
  searchable(kb: KnowledgeBase = loadKb()): KnowledgeBase {
    if (this.own.size === 0 && this.added.size === 0) return kb;
    const actors = kb.actors.map((a) => {
      const x = this.added.get(a.id);
      return x ? { ...a, aliases: [...a.aliases, ...x.aliases] } : a;
    });
    const agencies = kb.agencies.map((g) => {
      const x = this.added.get(g.id);
      return x ? { ...g, otherNames: [...(g.otherNames ?? []), ...x.aliases.map((n) => n.name)] } : g;
    });
    for (const e of this.own.values()) {
      const r = asKbEntity(e);
      if (r.kind === 'actor') actors.push(r.entity);
      else agencies.push(r.entity);
    }
    return { actors, agencies };
  }

  private sponsorsOf(agencyId: string): { id: string; name: string }[] {
    return (this.sponsored.get(agencyId) ?? []).map((e) => ({ id: e.id, name: e.name }));
  }
}
