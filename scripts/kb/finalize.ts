/** Stage 5: curated corrections, ids, vendor credits, flags and ambiguity; drafts become `Actor`s. */
import type { Actor, Alias, RelatedActor, RelatedName, RelationKind, Sponsor } from '../../lib/kb/types';
import type { Review } from './attach';
import { creditFor } from './credits';
import type { ActorMatch, Curated } from './curated';
import { addName, type Draft } from './drafts';
import { nameFlags, type WordSource } from './flags';
import { aliasProblem, type HygieneKind } from './hygiene';
import { byCode, displayForm, fold, isAllCaps, slug } from './text';
import { isElementName } from './vendors';

const MAX_REFS = 8;

function matches(d: Draft, m: ActorMatch): boolean {
  return (
    (m.mispUuid !== undefined && d.mispUuid === m.mispUuid) ||
    (m.attackId !== undefined && d.attackId === m.attackId) ||
    (m.name !== undefined && !m.mispUuid && !m.attackId && d.name === m.name)
  );
}

/** Applies curated canonical names, then gives every draft a unique slug id (ATT&CK groups win clashes). */
export function assignIds(drafts: Draft[], curated: Curated, review: Review): void {
  for (const c of curated.overrides.canonical) {
    const hit = drafts.filter((d) => matches(d, c.match));
    if (hit.length !== 1) throw new Error(`overrides.canonical ${c.name}: matched ${hit.length} actors`);
    const d = hit[0]!;
    addName(d, c.name);
    d.name = c.name;
    if (c.id) d.id = c.id;
  }
  const order = [...drafts].sort(
    (a, b) =>
      Number(!!b.id) - Number(!!a.id) || Number(!!b.attackId) - Number(!!a.attackId) || byCode(a.key, b.key),
  );
  const used = new Set<string>();
  for (const d of order) {
    let id = d.id || slug(d.name);
    if (used.has(id)) {
      const alt = `${id}-${(d.attackId ?? d.key.replace(/^\w+:/, '').slice(0, 8)).toLowerCase()}`;
      review(`id: "${id}" already taken; ${d.name} (${d.key}) gets ${alt}`);
      id = slug(alt);
    }
    used.add(id);
    d.id = id;
  }
}

/** Adds curated aliases and drops curated bad names. */
export function applyCuratedNames(drafts: Draft[], curated: Curated): void {
  const byId = new Map(drafts.map((d) => [d.id, d]));
  for (const a of curated.aliases) {
    const d = byId.get(a.actor);
    if (!d) throw new Error(`aliases.json: unknown actor ${a.actor}`);
    addName(d, a.name, a.source, a.legacy);
  }
  for (const c of curated.overrides.countries) {
    const d = byId.get(c.actor);
    if (!d) throw new Error(`overrides.countries: unknown actor ${c.actor}`);
    d.country = c.country;
  }
}

/** Picks the spelling to show: Microsoft's caps for element names, else a mixed-case form, else as written. */
function preferredSpelling(spellings: string[]): string {
  const score = (s: string) => (isElementName(s) ? 3 : isAllCaps(s) ? (s.includes(' ') ? 0 : 1) : 2);
  return displayForm([...spellings].sort((a, b) => score(b) - score(a) || byCode(a, b))[0]!);
}

/** Names dropped from every actor: too generic to mark on a page, or they name an agency instead. */
export interface DropRules {
  names: Map<string, { actor?: string; reason: string; kind?: HygieneKind }[]>;
  agencyNames: Set<string>;
}

function dropReason(
  key: string,
  spelling: string,
  actorId: string,
  rules: DropRules,
): { reason: string; kind?: HygieneKind } | undefined {
  if (spelling.replace(/\s/g, '').length < 2) return { reason: 'a single character' };
  const curated = rules.names.get(key)?.find((r) => !r.actor || r.actor === actorId);
  if (curated) return curated;
  const problem = aliasProblem(spelling);
  if (problem) return { reason: problem };
  if (rules.agencyNames.has(key))
    return { reason: 'the name of a government agency (the agency is highlighted instead)' };
  return undefined;
}

const RELATION: Record<string, RelationKind> = { 'part-of': 'part-of', 'same-as': 'same' };

/** Freezes drafts into actors with credited, flagged aliases; shared names become ambiguous, never merges. */
export function freezeActors(
  drafts: Draft[],
  curated: Curated,
  words: WordSource,
  drops: DropRules,
  derived: { attackCredits: Map<string, Map<string, string>>; sponsors: Record<string, Sponsor> },
  review: Review,
): Actor[] {
  const credits = { data: curated.credits, attack: derived.attackCredits };
  const sourceFix = new Map(curated.overrides.aliasSources.map((s) => [fold(s.name), s]));
  const byUuid = new Map<string, Draft>();
  for (const d of drafts) for (const k of [d.key, ...d.formerUuids]) byUuid.set(k, d);
  const ids = new Set(drafts.map((d) => d.id));
  const actors = drafts.map((d): Actor => {
    const formerIds = [...new Set(d.formerIds)].filter((f) => !ids.has(f)).sort(byCode);
    const aliases: Alias[] = [];
    const relatedNames: RelatedName[] = [...d.campaigns].map((name) => ({ name, kind: 'campaign' }));
    for (const [key, entry] of d.names) {
      const name = key === fold(d.name) ? d.name : preferredSpelling(entry.spellings);
      const why = key === fold(d.name) ? undefined : dropReason(key, name, d.id, drops);
      if (why) {
        review(`drop: "${name}" from ${d.id}: ${why.reason}`);
        if ((why.kind === 'malware' || why.kind === 'campaign') && !relatedNames.some((r) => r.name === name))
          relatedNames.push({ name, kind: why.kind });
        continue;
      }
      const fix = sourceFix.get(key);
      const spellings = entry.spacedFrom ? [entry.spacedFrom] : [name, ...entry.spellings];
      const credit = fix ?? creditFor(credits, d.id, d.attackId, d.refs, spellings, entry);
      const source = credit.source;
      const legacy = credit.legacy && (!!fix || entry.legacy || source === 'Microsoft');
      aliases.push({
        name,
        ...(source ? { source } : {}),
        ...nameFlags(name, words),
        ...(legacy ? { legacy: true } : {}),
      });
    }
    aliases.sort(
      (a, b) => Number(b.name === d.name) - Number(a.name === d.name) || byCode(fold(a.name), fold(b.name)),
    );
    const related: RelatedActor[] = [];
    for (const r of d.related) {
      const other = byUuid.get(r.uuid);
      if (other && other !== d && !related.some((x) => x.id === other.id))
        related.push({ id: other.id, kind: RELATION[r.type] ?? 'overlaps' });
    }
    related.sort((a, b) => byCode(a.id, b.id));
    const sponsor = derived.sponsors[d.id];
    if (sponsor && d.country && sponsor.country !== d.country)
      review(
        `country: ${d.id} upstream says ${d.country}, curated sponsor says ${sponsor.country}; sponsor wins`,
      );
    const country = sponsor?.country ?? d.country;
    return {
      id: d.id,
      name: d.name,
      aliases,
      ...(country ? { country } : {}),
      ...(sponsor ? { sponsor } : {}),
      ...(d.attackId ? { attackId: d.attackId } : {}),
      ...(d.mispUuid ? { mispUuid: d.mispUuid } : {}),
      ...(formerIds.length ? { formerIds } : {}),
      ...(d.motivation.size ? { motivation: [...d.motivation].sort() } : {}),
      ...(d.firstSeen ? { firstSeen: d.firstSeen } : {}),
      refs: d.refs.slice(0, MAX_REFS),
      related,
      ...(relatedNames.length ? { relatedNames: relatedNames.sort((a, b) => byCode(a.name, b.name)) } : {}),
    };
  });
  markAmbiguous(actors);
  return actors.sort((a, b) => byCode(a.id, b.id));
}

/** Marks every alias that more than one actor carries, pointing at the others. */
export function markAmbiguous(actors: Actor[]): void {
  const owners = new Map<string, string[]>();
  for (const a of actors)
    for (const al of a.aliases) owners.set(fold(al.name), [...(owners.get(fold(al.name)) ?? []), a.id]);
  for (const a of actors) {
    for (const al of a.aliases) {
      const ids = owners.get(fold(al.name))!;
      if (ids.length < 2) continue;
      al.ambiguous = true;
      al.sharedWith = ids.filter((id) => id !== a.id).sort();
    }
  }
}
