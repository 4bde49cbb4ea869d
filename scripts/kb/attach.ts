/**
 * Stages 2–4: attach MITRE ATT&CK groups, Microsoft's names and Qihoo 360's APT-C ids to the MISP drafts.
 * A record joins an actor only through a link, an id, or a name that hits exactly one actor; it never
 * joins two actors together, so a shared alias cannot chain them.
 */
import type { CountryLookup } from './countries';
import { addName, addRefs, type Draft, type NameIndex, newDraft } from './drafts';
import { type AttackGroupNames, compact, soleListingGroup } from './identity';
import { fold } from './text';
import { groupId, type MicrosoftName, type MispValue, type MitreGroup } from './upstream';

/** Collects decisions a human should look at. */
export type Review = (line: string) => void;

/** Everything an attach stage reads and extends. */
export interface AttachContext {
  drafts: Draft[];
  byUuid: Map<string, Draft>;
  index: NameIndex;
  review: Review;
}

/** Drafts linked to a record by MISP `related` in either direction. */
function linked(ctx: AttachContext, uuid: string, linksOut: string[]): Draft[] {
  const found = new Set<Draft>();
  for (const u of linksOut) {
    const d = ctx.byUuid.get(u);
    if (d) found.add(d);
  }
  for (const d of ctx.drafts) if (d.related.some((r) => r.uuid === uuid)) found.add(d);
  return [...found];
}

/** Of several linked drafts, the one sharing the most names with the record, if it alone has the most. */
function bestByNames(candidates: Draft[], names: string[]): Draft | undefined {
  const keys = new Set(names.map(fold));
  const scored = candidates.map((d) => ({ d, n: [...d.names.keys()].filter((k) => keys.has(k)).length }));
  const top = Math.max(0, ...scored.map((s) => s.n));
  const best = scored.filter((s) => s.n === top);
  return top > 0 && best.length === 1 ? best[0]!.d : undefined;
}

/** The one draft all these names hit, or undefined when they hit none or several. */
function soleHit(ctx: AttachContext, names: string[]): Draft | undefined {
  const hits = new Set(names.flatMap((n) => ctx.index.hits(n)));
  return hits.size === 1 ? [...hits][0] : undefined;
}

function adopt(ctx: AttachContext, d: Draft): void {
  ctx.drafts.push(d);
  ctx.index.add(d);
}

/** Drafts among `ds` whose canonical name is one of `names` (spacing and punctuation aside). */
function calledOneOf(ds: Draft[], names: string[]): Draft[] {
  const keys = new Set(names.map(compact));
  return ds.filter((d) => keys.has(compact(d.name)));
}

/**
 * Attaches each active ATT&CK group to one actor, in rounds over all groups so an early weak match cannot
 * take an actor a later strong one needs: MISP links (to an actor of the same name, then to a sole or
 * best-named actor), then the G-id named in a MISP record, then an exact alias with a single hit. A group
 * that finds no free actor becomes an actor of its own.
 */
export function attachMitre(ctx: AttachContext, groups: MitreGroup[], mispMitre: MispValue[]): void {
  const mispLinks = new Map(mispMitre.map((m) => [m.uuid, (m.related ?? []).map((r) => r['dest-uuid'])]));
  let pending = groups
    .filter((g) => !g.revoked && !g.x_mitre_deprecated)
    .map((g) => {
      const uuid = g.id.replace(/^intrusion-set--/, '');
      return {
        g,
        gid: groupId(g),
        names: [g.name, ...(g.aliases ?? [])],
        links: linked(ctx, uuid, mispLinks.get(uuid) ?? []),
      };
    })
    .sort((a, b) => (a.gid < b.gid ? -1 : 1));
  type Pending = (typeof pending)[number];
  // An actor whose canonical name is the primary name of a group still waiting is kept for that group.
  const reservedFor = (d: Draft, p: Pending) =>
    compact(d.name) !== compact(p.g.name) &&
    pending.some((q) => q !== p && compact(q.g.name) === compact(d.name));
  const round = (how: string, pick: (p: Pending) => Draft | undefined) => {
    for (const p of [...pending]) {
      const target = pick(p);
      if (!target || target.attackId || reservedFor(target, p)) continue;
      if (how !== 'link') ctx.review(`mitre: ${p.gid} ${p.g.name} → ${target.name} (${how})`);
      target.attackId = p.gid;
      for (const n of p.names) addName(target, n);
      ctx.index.add(target);
      addRefs(target, [`https://attack.mitre.org/groups/${p.gid}/`]);
      pending = pending.filter((q) => q !== p);
    }
  };
  const free = (ds: Draft[]) => ds.filter((d) => !d.attackId);
  const sole = (ds: Draft[]) => (ds.length === 1 ? ds[0] : undefined);
  // A group's own name and its G-id stay together: the one actor called by the group's name comes first,
  // linked or not (MISP links RedDelta to Mustang Panda's group, and SaintBear to Ember Bear's).
  round('link', (p) => sole(calledOneOf(free(p.links), [p.g.name])));
  round('own name', (p) => sole(calledOneOf(free(ctx.drafts), [p.g.name])));
  round('link', (p) => sole(calledOneOf(free(p.links), p.names)));
  round('link', (p) => sole(free(p.links)) ?? bestByNames(free(p.links), p.names));
  round('G-id in MISP record', (p) => sole(free(ctx.drafts.filter((d) => d.gidHints.has(p.gid)))));
  round(
    'exact alias',
    (p) =>
      sole(calledOneOf(free(ctx.drafts), [p.g.name])) ?? soleHit(ctx, [p.g.name]) ?? soleHit(ctx, p.names),
  );
  for (const p of pending) {
    const d = newDraft(`mitre:${p.gid}`, p.g.name);
    d.attackId = p.gid;
    for (const n of p.names) addName(d, n);
    addRefs(d, [`https://attack.mitre.org/groups/${p.gid}/`]);
    adopt(ctx, d);
    ctx.review(
      `mitre: ${p.gid} ${p.g.name} → new actor (no free MISP actor: ${p.links.map((x) => x.name).join(', ') || 'none linked'})`,
    );
  }
}

const ORIGIN_MOTIVE: [RegExp, string][] = [
  [/financially motivated/i, 'financial'],
  [/influence operations/i, 'influence'],
  [/private sector offensive actor/i, 'commercial-surveillance'],
];

/**
 * Gives every Microsoft name an actor: the actor already called that, else MISP's link from Microsoft's
 * cluster, else the one actor its other names hit; otherwise a new actor under Microsoft's name.
 */
export function attachMicrosoft(
  ctx: AttachContext,
  rows: MicrosoftName[],
  mispMicrosoft: MispValue[],
  country: CountryLookup,
  attack?: Map<string, AttackGroupNames>,
): void {
  const clusters = new Map(mispMicrosoft.map((m) => [fold(m.value), m]));
  for (const row of [...rows].sort((a, b) => (a['Threat actor name'] < b['Threat actor name'] ? -1 : 1))) {
    const name = row['Threat actor name'].trim();
    const others = row['Other names']
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const named = ctx.drafts.filter((d) => fold(d.name) === fold(name));
    let target: Draft | undefined = named.length === 1 ? named[0] : undefined;
    // ATT&CK's listing of Microsoft's name under one group is a map both sides published.
    const listed = attack && soleListingGroup(name, attack);
    target ??= listed ? ctx.drafts.find((d) => d.attackId === listed.gid) : undefined;
    if (!target) {
      const c = clusters.get(fold(name));
      const links = c
        ? linked(
            ctx,
            c.uuid,
            (c.related ?? []).map((r) => r['dest-uuid']),
          )
        : [];
      target = links.length === 1 ? links[0] : bestByNames(links, [name, ...others]);
    }
    if (!target) {
      target =
        soleHit(ctx, [name]) ??
        soleHit(
          ctx,
          others.filter((o) => !/^(?:Storm|DEV)-\d+$/.test(o)),
        );
      if (target) ctx.review(`microsoft: ${name} → ${target.name} (exact alias)`);
    }
    if (!target) {
      target = newDraft(`microsoft:${name}`, name, 'Microsoft');
      adopt(ctx, target);
      ctx.review(`microsoft: ${name} → new actor`);
    }
    addName(target, name, 'Microsoft');
    for (const o of others) addName(target, o);
    ctx.index.add(target);
    const origin = row['Origin/Threat'];
    target.country ??= country(origin.split(',')[0]!.trim());
    for (const [re, motive] of ORIGIN_MOTIVE) if (re.test(origin)) target.motivation.add(motive);
  }
}

/** Adds Qihoo 360's APT-C ids (and the names 360 lists with them) where the id hits exactly one actor. */
export function attach360(ctx: AttachContext, values: MispValue[]): void {
  for (const v of values) {
    const id = /APT-C-\d+/.exec(v.value)?.[0];
    if (!id) continue;
    const synonyms = (v.meta?.synonyms as string[] | undefined) ?? [];
    const label = v.value.split(' - ')[0]!.trim();
    const target = soleHit(ctx, [id]) ?? soleHit(ctx, [label, ...synonyms]);
    if (!target) {
      ctx.review(`360: ${v.value} → not attached (no single actor carries ${id}, ${label} or its synonyms)`);
      continue;
    }
    addName(target, id, 'Qihoo 360');
    for (const s of synonyms) addName(target, s);
    ctx.index.add(target);
  }
}
