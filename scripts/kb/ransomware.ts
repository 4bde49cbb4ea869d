/**
 * Ransomware and extortion gangs (data/ransomware.json): the operations the news names most, with their
 * brands, rebrands and vendor names. A gang joins the actor that already carries one of its names (or the
 * ATT&CK group it names), so no gang is in the KB twice; otherwise it becomes an actor of its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addName, addRefs, type Draft, NameIndex, newDraft } from './drafts';
import { compact } from './identity';
import { fold, slug } from './text';

/** One alias: a string is the gang's own brand; an object names the vendor that coined it. */
export type GangAlias = string | { name: string; source: string };

/** One gang of data/ransomware.json. */
export interface Gang {
  name: string;
  /** An id of its own, where the gang's name slug is another actor's (DragonForce the hacktivists). */
  id?: string;
  aliases: GangAlias[];
  /** The ATT&CK group the gang is (Akira, Play) or is run by (Conti and Ryuk: Wizard Spider). */
  match?: { attackId: string };
  /** A new actor even though another carries the name (DragonForce the cartel, not the hacktivists). */
  separate?: boolean;
  /** The gang's brand becomes the card's name when it joins an actor known by a vendor code name. */
  canonical?: boolean;
  /** Names of actors it overlaps with: predecessors, operators, affiliates. */
  related?: string[];
  since?: string;
  /** Why it acts (default financial: ransomware and extortion). */
  motivation?: string;
  /** ISO code of the country it works from, where the reporting says. */
  country?: string;
  /** The public reporting that puts it on the list, in one line. */
  source: string;
  refs?: string[];
}

/** data/ransomware.json: where the list comes from, and the gangs. */
export interface RansomwareData {
  list: string;
  gangs: Gang[];
}

/** Loads a gang list (data/ransomware.json, data/groups.json); each gang must say where it is reported. */
export function readGangs(dir: string, file: string): RansomwareData {
  const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as RansomwareData;
  for (const g of data.gangs)
    if (!g.name?.trim() || !g.source?.trim()) throw new Error(`${file}: ${g.name}: name and source needed`);
  return data;
}

const SELF = 'Self-named';

/** The gang's names, each with who coined it. */
export function gangNames(g: Gang): { name: string; source: string }[] {
  return [g.name, ...g.aliases].map((a) => (typeof a === 'string' ? { name: a, source: SELF } : a));
}

/** Adds the gangs to the drafts; returns the drafts (new actors appended). */
export function addGangs(drafts: Draft[], data: RansomwareData, review: (line: string) => void): Draft[] {
  const out = [...drafts];
  const index = new NameIndex(out);
  const gangDraft = new Map<Gang, Draft>();
  for (const g of data.gangs) {
    const names = gangNames(g);
    let target: Draft | undefined;
    if (g.match) {
      target = out.find((d) => d.attackId === g.match!.attackId);
      if (!target) throw new Error(`gangs: ${g.name}: no actor carries ${g.match.attackId}`);
    } else if (!g.separate) {
      const hits = new Set(names.flatMap((n) => index.hits(n.name)));
      if (hits.size > 1)
        throw new Error(
          `gangs: ${g.name}: names hit ${[...hits].map((d) => d.name).join(', ')}; set match or separate`,
        );
      target = [...hits][0];
    }
    if (target) {
      review(`gang: ${g.name} joins ${target.name}`);
      if (g.canonical && !target.attackId && compact(target.name) !== compact(g.name)) {
        target.formerIds.push(slug(target.name));
        target.name = g.name;
      }
    } else {
      target = newDraft(`ransomware:${slug(g.name)}`, g.name);
      if (g.id) target.id = g.id;
      out.push(target);
    }
    for (const n of names) addName(target, n.name, n.source);
    target.motivation.add(g.motivation ?? 'financial');
    target.country ??= g.country;
    if (g.since && !target.firstSeen) target.firstSeen = g.since;
    addRefs(target, g.refs ?? []);
    index.add(target);
    gangDraft.set(g, target);
  }
  for (const [g, d] of gangDraft) {
    for (const r of g.related ?? []) {
      const own = [...gangDraft].find(([x]) => fold(x.name) === fold(r))?.[1];
      const hits = index.hits(r).filter((x) => x !== d);
      const other = own ?? (hits.length === 1 ? hits[0] : undefined);
      if (!other) throw new Error(`gangs: ${g.name}: related "${r}" names no single actor`);
      if (other !== d && !d.related.some((x) => x.uuid === other.key))
        d.related.push({ uuid: other.key, type: 'overlaps' });
    }
  }
  return out;
}
