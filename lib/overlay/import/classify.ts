/**
 * Decides what each import candidate is before anything is written (the dry run): a new entity of the
 * reader's own, names merged into a bundled entity or an overlay entry, already known (unchanged), or a
 * conflict the reader must settle by hand. Names are compared case- and diacritic-insensitively, as the
 * KB's search does; an ATT&CK id counts like a name. The result carries the overlay entries to write, so
 * confirming writes exactly what the summary showed.
 */
import type { Actor, Agency, KnowledgeBase } from '../../kb/types';
import { matchKey } from '../match-key';
import {
  isExtension,
  MAX_ALIASES,
  MAX_LINKS,
  MAX_OVERLAY_ENTRIES,
  type Overlay,
  type OverlayAlias,
  type OverlayEntity,
  type OverlayEntry,
  type OverlayExtension,
  overlayIdFor,
} from '../model';
import type { ImportCandidate } from './candidate';

/** What one candidate would do. */
export type Verdict = 'new' | 'merged' | 'unchanged' | 'conflict';

/** Where the entity a candidate joins lives. */
export type TargetOrigin = 'bundled' | 'overlay' | 'file';

/** One line of the import summary. */
export interface PlannedItem {
  index: number;
  kind: 'actor' | 'agency';
  name: string;
  verdict: Verdict;
  /** The entity it joins (merged, unchanged) or becomes (new). */
  target?: { id: string; name: string; origin: TargetOrigin };
  /** How it was matched: `name "APT1"`, `alias "Comment Crew"`, `ATT&CK G0006`. */
  matchedBy?: string;
  /** Names it adds. */
  added: string[];
  /**
   * The added names that need context on a page, as bundled names of their class do (../name-risk.ts):
   * `generic`, a common word, person, place or brand; `coinage`, a coined word (counts on pages about
   * security). Set by the run (./run.ts).
   */
  needsContext?: { name: string; risk: 'generic' | 'coinage' }[];
  /** Why it is a conflict (nothing of it is written). */
  reason?: string;
  warnings: string[];
}

/** The dry run: one item per candidate, the counts, and the overlay entries confirming would write. */
export interface ImportPlan {
  items: PlannedItem[];
  counts: Record<Verdict, number>;
  /** Whole entries (new, or stored ones with the additions), keyed as the store keys them. */
  writes: OverlayEntry[];
}

/** The context a plan is made in. */
export interface PlanContext {
  kb: KnowledgeBase;
  overlay: Overlay;
  /** Vendor recorded on every imported name, e.g. `MISP galaxy "Threat Actor"`. */
  label: string;
  /** RFC 3339 time stamped on written entries. */
  now: string;
}

/** An entity a name can point at, and what the comparison needs of it. */
interface Target {
  id: string;
  name: string;
  kind: 'actor' | 'agency';
  origin: TargetOrigin;
  country?: string;
  /** Agency id of the sponsor (actors). */
  sponsor?: string;
  attackId?: string;
  /** Folded names it has now (bundled names plus overlay additions). */
  names: Set<string>;
}

type Index = Map<string, Set<Target>>;

function add(index: Index, key: string, target: Target): void {
  const set = index.get(key);
  if (set) set.add(target);
  else index.set(key, new Set([target]));
}

const bundledNames = (e: Actor | Agency): string[] =>
  'aliases' in e
    ? e.aliases.map((a) => a.name)
    : [e.name, ...e.abbreviations, ...(e.otherNames ?? []), ...e.localNames];

/** Everything a name or ATT&CK id can match: bundled entities with their overlay extensions, overlay entities. */
function buildIndex(kb: KnowledgeBase, overlay: Overlay) {
  const names: Index = new Map();
  const attack = new Map<string, Target>();
  const byId = new Map<string, Target>();
  const agencies = new Map(kb.agencies.map((g) => [g.id, g]));
  const register = (t: Target) => {
    byId.set(t.id, t);
    for (const n of t.names) add(names, n, t);
    if (t.attackId) attack.set(t.attackId, t);
  };
  const extensions = new Map(overlay.extensions.map((x) => [x.extends, x]));
  for (const e of [...kb.actors, ...kb.agencies]) {
    const actor = 'aliases' in e ? e : undefined;
    const extra = extensions.get(e.id)?.aliases.map((a) => a.name) ?? [];
    register({
      id: e.id,
      name: e.name,
      kind: actor ? 'actor' : 'agency',
      origin: 'bundled',
      country: actor ? (actor.country ?? actor.sponsor?.country) : e.country,
      sponsor: actor?.sponsor?.agencyId,
      attackId: actor?.attackId,
      names: new Set([e.name, ...bundledNames(e), ...extra].map(matchKey)),
    });
  }
  for (const o of overlay.entities) register(targetOfEntity(o, 'overlay'));
  return { names, attack, byId, agencies, register };
}

function targetOfEntity(o: OverlayEntity, origin: TargetOrigin): Target {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    origin,
    country: o.country,
    sponsor: o.sponsor,
    attackId: o.attackId,
    names: new Set([o.name, ...o.aliases.map((a) => a.name)].map(matchKey)),
  };
}

/** Whether two agency ids are the same body or one is part of the other (GRU and its unit 26165). */
function sameLine(a: string, b: string, agencies: Map<string, Agency>): boolean {
  const up = (id: string) => {
    const chain = new Set<string>();
    for (let cur: string | undefined = id; cur && !chain.has(cur); cur = agencies.get(cur)?.parent)
      chain.add(cur);
    return chain;
  };
  return up(a).has(b) || up(b).has(a);
}

const label = (t: Target) =>
  t.origin === 'bundled' ? t.name : `${t.name} (${t.origin === 'file' ? 'this file' : 'your KB'})`;

/** Plans an import: classifies every candidate (agencies first, so actors can name them as sponsors). */
export function planOverlayImport(
  candidates: readonly ImportCandidate[],
  ctx: PlanContext,
): ({ ok: true } & ImportPlan) | { ok: false; error: string } {
  const index = buildIndex(ctx.kb, ctx.overlay);
  const stored = new Map<string, OverlayEntry>();
  for (const e of ctx.overlay.entities) stored.set(e.id, e);
  for (const x of ctx.overlay.extensions) stored.set(x.extends, x);
  /** Entries to write, by store key; later candidates build on earlier ones. */
  const pending = new Map<string, OverlayEntry>();
  const current = (key: string) => pending.get(key) ?? stored.get(key);
  /** Candidate ref → the agency id it resolved to (for sponsors). */
  const resolved = new Map<string, string>();
  const items: PlannedItem[] = new Array(candidates.length);
  const order = [...candidates.keys()].sort(
    (a, b) => Number(candidates[a]!.kind === 'actor') - Number(candidates[b]!.kind === 'actor'),
  );
  const alias = (name: string): OverlayAlias => ({ name, source: ctx.label.slice(0, 100), imported: true });

  for (const i of order) {
    const c = candidates[i]!;
    const item: PlannedItem = {
      index: c.index,
      kind: c.kind,
      name: c.name,
      verdict: 'new',
      added: [],
      warnings: [...c.warnings],
    };
    items[i] = item;
    const conflict = (reason: string) => {
      item.verdict = 'conflict';
      item.reason = reason;
    };

    let sponsor: string | undefined;
    if (c.sponsor) {
      sponsor = resolved.get(c.sponsor.ref);
      if (!sponsor) item.warnings.push(`sponsor "${c.sponsor.name}" is not imported, so it is left out`);
    }

    // Votes: a name that points at one entity is evidence; one shared by several is not enough on its own.
    const strong = new Map<Target, string>();
    const shared: { how: string; hits: Set<Target> }[] = [];
    let byAttack: Target | undefined;
    if (c.attackId) {
      const t = index.attack.get(c.attackId);
      if (t && t.kind === c.kind) {
        strong.set(t, `ATT&CK ${c.attackId}`);
        byAttack = t;
      }
    }
    /** Names that are already another kind of entity's (an actor called "MSS"): never added. */
    const otherKind: string[] = [];
    for (const [n, name] of [c.name, ...c.aliases].entries()) {
      const all = index.names.get(matchKey(name));
      if (!all) continue;
      const hits = new Set([...all].filter((t) => t.kind === c.kind));
      const how = `${n === 0 ? 'name' : 'alias'} "${name}"`;
      if (hits.size === 0) {
        const [t] = all;
        otherKind.push(`${how} is already the name of the ${t!.kind} ${label(t!)}`);
      } else if (hits.size === 1) {
        const [t] = hits;
        if (!strong.has(t!)) strong.set(t!, how);
      } else shared.push({ how, hits });
    }
    // The ATT&CK id names one group where a name can be another's too ("Lotus Blossom"): the id decides.
    if (byAttack && strong.size > 1) {
      for (const [t, how] of strong) {
        if (t === byAttack) continue;
        item.warnings.push(`${how} is also a name of ${label(t)}; ATT&CK ${c.attackId} decides`);
        strong.delete(t);
      }
    }
    if (strong.size > 1) {
      conflict(`matches ${[...strong].map(([t, how]) => `${label(t)} (by ${how})`).join(' and ')}`);
      continue;
    }
    // A shared name ("Ministry of State Security") settles on the one entity of the file's country.
    if (strong.size === 0 && c.country) {
      const inCountry = new Map<Target, string>();
      for (const { how, hits } of shared)
        for (const t of hits)
          if (t.country === c.country && !inCountry.has(t)) inCountry.set(t, `${how} in ${c.country}`);
      if (inCountry.size === 1) for (const [t, how] of inCountry) strong.set(t, how);
    }
    if (strong.size === 0 && shared.length) {
      conflict(shared.map(({ how, hits }) => `${how} names ${[...hits].map(label).join(', ')}`).join('; '));
      continue;
    }

    // A record whose own name is another kind's, with nothing of its own kind matched, cannot be placed.
    if (strong.size === 0 && otherKind[0]?.startsWith('name')) {
      conflict(otherKind[0]);
      continue;
    }
    for (const w of otherKind) item.warnings.push(`${w}: left out`);
    /** Names no entity has yet: the only ones an import adds. */
    const unknown = (n: string) => !index.names.has(matchKey(n));

    if (strong.size === 0) {
      const taken = (id: string) => current(id) !== undefined || index.byId.has(id);
      const entity: OverlayEntity = {
        id: overlayIdFor(c.name, taken),
        kind: c.kind,
        name: c.name,
        aliases: c.aliases.filter(unknown).map(alias),
        ...(c.country ? { country: c.country } : {}),
        ...(c.kind === 'actor' && sponsor ? { sponsor } : {}),
        ...(c.attackId ? { attackId: c.attackId } : {}),
        notes: c.notes ?? '',
        links: c.links,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        origin: ctx.label.slice(0, 300),
      };
      pending.set(entity.id, entity);
      const t = targetOfEntity(entity, 'file');
      index.register(t);
      item.target = { id: entity.id, name: entity.name, origin: 'file' };
      item.added = [entity.name, ...entity.aliases.map((a) => a.name)];
      if (c.kind === 'agency') resolved.set(c.ref, entity.id);
      continue;
    }

    const [target, how] = [...strong][0]!;
    item.target = { id: target.id, name: target.name, origin: target.origin };
    item.matchedBy = how;
    if (c.attackId && target.attackId && c.attackId !== target.attackId) {
      conflict(`the file says ATT&CK ${c.attackId}, ${label(target)} is ${target.attackId}`);
      continue;
    }
    if (c.country && target.country && c.country !== target.country) {
      conflict(`the file says country ${c.country}, ${label(target)} is ${target.country}`);
      continue;
    }
    if (sponsor && target.sponsor && !sameLine(sponsor, target.sponsor, index.agencies)) {
      const name = (id: string) => index.byId.get(id)?.name ?? id;
      conflict(`the file says sponsored by ${name(sponsor)}, ${label(target)} by ${name(target.sponsor)}`);
      continue;
    }
    if (c.kind === 'agency') resolved.set(c.ref, target.id);
    const added = [c.name, ...c.aliases].filter(unknown);
    item.added = added;
    /** Makes the added names findable by the candidates after this one. */
    const commit = () => {
      for (const n of added) {
        target.names.add(matchKey(n));
        add(index.names, matchKey(n), target);
      }
    };

    if (target.origin === 'bundled') {
      // The overlay only adds names to a bundled entity; the KB's own facts stay as they are.
      if (c.country && !target.country)
        item.warnings.push(`country ${c.country} is not added to a bundled entity`);
      if (sponsor && !target.sponsor) item.warnings.push('a sponsor is not added to a bundled entity');
      if (!added.length) {
        item.verdict = 'unchanged';
        continue;
      }
      const prev = current(target.id) as OverlayExtension | undefined;
      const aliases = [...(prev?.aliases ?? []), ...added.map(alias)];
      if (aliases.length > MAX_ALIASES) {
        conflict(`${target.name} would have more than ${MAX_ALIASES} names of your own`);
        continue;
      }
      pending.set(target.id, {
        extends: target.id,
        notes: '',
        links: [],
        createdAt: ctx.now,
        ...prev,
        aliases,
        updatedAt: ctx.now,
      });
      commit();
      item.verdict = 'merged';
      continue;
    }

    const prev = current(target.id) as OverlayEntity;
    const next: OverlayEntity = {
      ...prev,
      aliases: [...prev.aliases, ...added.map(alias)],
      ...(!prev.country && c.country ? { country: c.country } : {}),
      ...(!prev.sponsor && sponsor && prev.kind === 'actor' ? { sponsor } : {}),
      ...(!prev.attackId && c.attackId ? { attackId: c.attackId } : {}),
      notes: prev.notes || (c.notes ?? ''),
      links: [...new Set([...prev.links, ...c.links])].slice(0, MAX_LINKS),
    };
    if (next.aliases.length > MAX_ALIASES) {
      conflict(`${target.name} would have more than ${MAX_ALIASES} aliases`);
      continue;
    }
    // Later candidates of this file compare against the merged entity.
    target.country = next.country;
    target.sponsor = next.sponsor;
    if (next.attackId && !target.attackId) {
      target.attackId = next.attackId;
      index.attack.set(next.attackId, target);
    }
    if (JSON.stringify(next) === JSON.stringify(prev)) {
      item.verdict = 'unchanged';
      continue;
    }
    pending.set(target.id, { ...next, updatedAt: ctx.now });
    commit();
    item.verdict = 'merged';
  }

  const counts: Record<Verdict, number> = { new: 0, merged: 0, unchanged: 0, conflict: 0 };
  for (const it of items) counts[it.verdict]++;
  const writes = [...pending.values()];
  const newKeys = writes.filter((w) => !stored.has(isExtension(w) ? w.extends : w.id)).length;
  if (stored.size + newKeys > MAX_OVERLAY_ENTRIES) {
    return {
      ok: false,
      error: `Your KB would hold ${stored.size + newKeys} entries; the limit is ${MAX_OVERLAY_ENTRIES}.`,
    };
  }
  return { ok: true, items, counts, writes };
}

/** The overlay once a plan's entries are written over it (each replaces the entry with its key). */
export function withWrites(overlay: Overlay, writes: readonly OverlayEntry[]): Overlay {
  const entities = new Map(overlay.entities.map((e) => [e.id, e]));
  const extensions = new Map(overlay.extensions.map((x) => [x.extends, x]));
  for (const w of writes) {
    if (isExtension(w)) extensions.set(w.extends, w);
    else entities.set(w.id, w);
  }
  return { entities: [...entities.values()], extensions: [...extensions.values()] };
}
