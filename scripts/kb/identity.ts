/**
 * Identity: ATT&CK decides which names belong to which of its groups. A group's own name and its G-id stay
 * on one actor; a record another source keeps apart under a name ATT&CK lists for a group is that group;
 * and a name ATT&CK gives to one group is taken off actors ATT&CK keeps apart from it (ATT&CK split them,
 * the MISP synonym or vendor map that put it there merged them). The build then checks that every group's
 * own name reaches its actor and no other.
 */
import type { Actor, NameTableFile } from '../../lib/kb/types';
import { addName, addRefs, type Draft } from './drafts';
import { fold, slug } from './text';
import { groupId, type MitreGroup } from './upstream';

/** Collects decisions a human should look at (the same shape as attach.ts's). */
type Review = (line: string) => void;

/**
 * A name reduced to its folded letters and digits, as the matcher compares names ("SaintBear", "Saint
 * Bear" and "saint-bear" meet; so do "LAPSUS$" and "LAPSUS").
 */
export function compact(name: string): string {
  return fold(name).replace(/[^\p{L}\p{N}]/gu, '');
}

/** The names ATT&CK lists for one active group, compacted. */
export interface AttackGroupNames {
  gid: string;
  /** The group's own (primary) name, as ATT&CK writes it. */
  name: string;
  own: string;
  listed: Set<string>;
}

/** Every active group's names, by G-id. */
export function attackGroupNames(groups: MitreGroup[]): Map<string, AttackGroupNames> {
  const out = new Map<string, AttackGroupNames>();
  for (const g of groups) {
    if (g.revoked || g.x_mitre_deprecated) continue;
    const gid = groupId(g);
    out.set(gid, {
      gid,
      name: g.name,
      own: compact(g.name),
      listed: new Set([g.name, ...(g.aliases ?? [])].map(compact)),
    });
  }
  return out;
}

/** The one group ATT&CK lists this name for, unless it is the own name of another group or several list it. */
export function soleListingGroup(
  name: string,
  attack: Map<string, AttackGroupNames>,
): AttackGroupNames | undefined {
  const key = compact(name);
  const own = [...attack.values()].filter((a) => a.own === key);
  if (own.length) return own.length === 1 ? own[0] : undefined;
  const listing = [...attack.values()].filter((a) => a.listed.has(key));
  return listing.length === 1 ? listing[0] : undefined;
}

/** Moves everything `src` knows into `into`; `src` stops being an actor. */
function absorb(into: Draft, src: Draft): void {
  for (const [, entry] of src.names)
    for (const s of entry.spellings) addName(into, s, entry.source, entry.legacy);
  addRefs(into, src.refs);
  for (const m of src.motivation) into.motivation.add(m);
  for (const g of src.gidHints) into.gidHints.add(g);
  into.country ??= src.country;
  if (src.firstSeen && (!into.firstSeen || src.firstSeen < into.firstSeen)) into.firstSeen = src.firstSeen;
  for (const r of src.related) if (!into.related.some((x) => x.uuid === r.uuid)) into.related.push(r);
  into.formerUuids.push(src.key, ...src.formerUuids);
  into.formerIds.push(slug(src.name), ...src.formerIds);
}

/**
 * Folds each actor without a G-id whose own name ATT&CK lists for exactly one group into that group's
 * actor (MISP's RedDelta and Microsoft's Twill Typhoon are ATT&CK's Mustang Panda). Returns the drafts
 * that remain.
 */
export function absorbAttackNamed(
  drafts: Draft[],
  attack: Map<string, AttackGroupNames>,
  review: Review,
): Draft[] {
  const byGid = new Map(drafts.filter((d) => d.attackId).map((d) => [d.attackId!, d]));
  const gone = new Set<Draft>();
  for (const d of drafts) {
    if (d.attackId) continue;
    const g = soleListingGroup(d.name, attack);
    const into = g && byGid.get(g.gid);
    if (!into) continue;
    absorb(into, d);
    gone.add(d);
    review(`identity: ${d.name} (${d.key}) is ATT&CK's ${g.gid} ${g.name}: merged into ${into.name}`);
  }
  return drafts.filter((d) => !gone.has(d));
}

/**
 * Takes each ATT&CK group's names off the actors ATT&CK keeps apart from it: a group's own name off every
 * other actor, and a name ATT&CK lists for some groups off any other ATT&CK actor. The actor that lost the
 * name keeps a link to the group's actor, so the card still shows the overlap a source claimed.
 */
export function settleAttackNames(
  drafts: Draft[],
  attack: Map<string, AttackGroupNames>,
  review: Review,
): void {
  const owners = new Map<string, Draft>();
  for (const d of drafts) if (d.attackId) owners.set(d.attackId, d);
  const ownName = new Map<string, AttackGroupNames>();
  const listedBy = new Map<string, AttackGroupNames[]>();
  for (const a of attack.values()) {
    ownName.set(a.own, a);
    for (const k of a.listed) listedBy.set(k, [...(listedBy.get(k) ?? []), a]);
  }
  for (const d of drafts) {
    const mine = d.attackId ? attack.get(d.attackId) : undefined;
    for (const [key, entry] of [...d.names]) {
      const k = compact(key);
      if (k === compact(d.name)) continue;
      const own = ownName.get(k);
      const listing = listedBy.get(k) ?? [];
      let owner: AttackGroupNames | undefined;
      if (own && own.gid !== d.attackId) owner = own;
      else if (mine && listing.length && !mine.listed.has(k)) owner = listing[0];
      if (!owner) continue;
      const target = owners.get(owner.gid);
      if (!target || target === d) continue;
      d.names.delete(key);
      if (!d.related.some((r) => r.uuid === target.key))
        d.related.push({ uuid: target.key, type: 'overlaps' });
      review(
        `identity: "${entry.spellings[0]}" off ${d.name}: ATT&CK gives it to ${owner.gid} ${owner.name}${
          own ? ' as its own name' : ''
        }`,
      );
    }
  }
}

/**
 * The build-time identity check: for each active ATT&CK group, the name-table rows the matcher reaches with
 * the group's own name (spacing and punctuation aside, as the matcher compares) belong to the actor that
 * carries its G-id, and to nothing else. Returns one line per group that fails.
 */
export function identityProblems(
  rows: NameTableFile['rows'],
  actors: readonly Actor[],
  attack: Map<string, AttackGroupNames>,
): string[] {
  const byKey = new Map<string, Set<string>>();
  for (const r of rows) {
    const k = compact(r[0]);
    byKey.set(k, (byKey.get(k) ?? new Set()).add(r[1]));
  }
  const actorOf = new Map(actors.filter((a) => a.attackId).map((a) => [a.attackId!, a.id]));
  const problems: string[] = [];
  for (const g of [...attack.values()].sort((a, b) => (a.gid < b.gid ? -1 : 1))) {
    const want = actorOf.get(g.gid);
    const got = [...(byKey.get(g.own) ?? [])].sort();
    if (!want) problems.push(`${g.gid} ${g.name}: no actor carries the G-id`);
    else if (got.length !== 1 || got[0] !== want)
      problems.push(`${g.gid} ${g.name}: the name reaches ${got.join(', ') || 'nothing'}, not only ${want}`);
  }
  return problems;
}
