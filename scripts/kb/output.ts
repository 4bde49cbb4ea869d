/** Stage 6: the compact name table and the manifest, both deterministic. */
import type { Agency, KbManifest, KnowledgeBase, NameTableFile } from '../../lib/kb/types';
import { NameFlag } from '../../lib/kb/types';
import { hasGovernmentAgencySource, newestAttribution } from './attributions';
import { nameFlags, type WordSource } from './flags';
import { compact } from './identity';
import { actorNameRisk, type GeneralText, isSharedAcronym, type NameRisk } from './risk';
import { byCode, fold } from './text';

type Row = NameTableFile['rows'][number];

/** Packs boolean flags into `NameFlag` bits; a flag's name is its bit's name. */
function bits(f: Partial<Record<keyof typeof NameFlag, boolean>>): number {
  let out = 0;
  for (const [flag, bit] of Object.entries(NameFlag)) if (f[flag as keyof typeof NameFlag]) out |= bit;
  return out;
}

/** Every page-visible name of an agency: English names, abbreviations and native names. */
export function agencyNames(a: Agency): string[] {
  return [...new Set([a.name, ...(a.otherNames ?? []), ...a.abbreviations, ...a.localNames])];
}

const RISK_BITS: Record<NameRisk, number> = {
  distinctive: 0,
  coinage: NameFlag.coinage,
  generic: NameFlag.generic,
};

/**
 * Of actors that share a name as the matcher reads it (spacing and punctuation aside), the one a text with
 * no other clue means gets the `primary` bit: the actor the name is the canonical name of ("DragonForce"
 * the ransomware cartel, not DragonForce Malaysia), else the one ATT&CK lists the name for (Spandex Tempest
 * is TA505 before Microsoft's cluster). `attackListed` holds, per G-id, ATT&CK's names for it, compacted.
 */
function markDefaultActors(
  rows: Row[],
  kb: KnowledgeBase,
  attackListed: ReadonlyMap<string, ReadonlySet<string>>,
): void {
  const actors = new Map(kb.actors.map((a) => [a.id, a]));
  const byKey = new Map<string, Row[]>();
  for (const r of rows) {
    if (r[2] !== 'actor') continue;
    const k = compact(r[0]);
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
  }
  for (const [k, group] of byKey) {
    const ids = [...new Set(group.map((r) => r[1]))];
    if (ids.length < 2) continue;
    const called = ids.filter((id) => compact(actors.get(id)!.name) === k);
    const listed = ids.filter((id) => attackListed.get(actors.get(id)!.attackId ?? '')?.has(k));
    const pick =
      called.length === 1 ? called[0] : called.length === 0 && listed.length === 1 ? listed[0] : undefined;
    if (pick) for (const r of group) if (r[1] === pick) r[3] |= NameFlag.primary;
  }
}

/**
 * One row per (name, entity). Actor rows copy the alias flags and add the name's risk class; agency rows get
 * the same name flags (an acronym with another common meaning is generic), and a name shared by several
 * entities (actors or agencies, e.g. "Ministry of Foreign Affairs") is ambiguous.
 */
export function nameTable(
  kb: KnowledgeBase,
  words: WordSource,
  general: GeneralText,
  attackListed: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): NameTableFile {
  const rows: Row[] = [];
  for (const a of kb.actors) {
    for (const al of a.aliases) {
      // A name its vendor retired that is also a product's (CHROMIUM): pages about the product far
      // outnumber pages that still use the old name, so it stays on the card but is not matched.
      if (al.legacy && al.name !== a.name && general.brands.has(fold(al.name))) continue;
      const flags = bits(al) | RISK_BITS[actorNameRisk(al.name, general)];
      rows.push(
        a.country
          ? [al.name, a.id, 'actor', flags, a.name, a.country]
          : [al.name, a.id, 'actor', flags, a.name],
      );
    }
  }
  for (const g of kb.agencies) {
    for (const n of agencyNames(g)) {
      const primary = g.primaryFor?.includes(n) ? NameFlag.primary : 0;
      const shared = isSharedAcronym(n, general) ? NameFlag.generic : 0;
      rows.push([
        n,
        g.id,
        'agency',
        bits(nameFlags(n, words)) | primary | shared,
        g.name,
        g.country ?? '',
        g.kind,
      ]);
    }
  }
  const owners = new Map<string, Set<string>>();
  for (const r of rows) owners.set(fold(r[0]), (owners.get(fold(r[0])) ?? new Set()).add(r[1]));
  for (const r of rows) if (owners.get(fold(r[0]))!.size > 1) r[3] |= NameFlag.ambiguous;
  markDefaultActors(rows, kb, attackListed);
  rows.sort((a, b) => byCode(a[0], b[0]) || byCode(a[1], b[1]));
  return { version: 1, rows };
}

/**
 * The coverage counts `npm run kb` prints and the manifest records. `attackListed` holds, per ATT&CK id,
 * the names ATT&CK itself lists for the group (folded), for the credit share of ATT&CK's own aliases.
 */
export function coverage(
  kb: KnowledgeBase,
  names: NameTableFile,
  attackListed: Map<string, Set<string>> = new Map(),
): Record<string, number> {
  const aliases = kb.actors.flatMap((a) => a.aliases);
  const attack = kb.actors.filter((a) => a.attackId).flatMap((a) => a.aliases);
  const listed = kb.actors.flatMap((a) =>
    a.aliases.filter((al) => attackListed.get(a.attackId ?? '')?.has(fold(al.name))),
  );
  const sponsors = kb.actors.flatMap((a) => (a.sponsor ? [a.sponsor] : []));
  return {
    actors: kb.actors.length,
    aliases: aliases.length,
    aliasesWithVendor: aliases.filter((a) => a.source).length,
    actorsWithCountry: kb.actors.filter((a) => a.country).length,
    actorsWithAttackId: kb.actors.filter((a) => a.attackId).length,
    attackAliases: attack.length,
    attackAliasesWithVendor: attack.filter((a) => a.source).length,
    attackListedAliases: listed.length,
    attackListedAliasesWithVendor: listed.filter((a) => a.source).length,
    actorsWithAttribution: sponsors.length,
    actorsWithGovernmentAttribution: sponsors.filter((s) => s.events.some((e) => e.kind !== 'vendor')).length,
    actorsWithAgencySponsor: sponsors.filter((s) => s.agencyId).length,
    actorsWithAgencySponsorFromGovernment: sponsors.filter(hasGovernmentAgencySource).length,
    attributionEvents: sponsors.reduce((n, s) => n + s.events.length, 0),
    ambiguousAliases: new Set(aliases.filter((a) => a.ambiguous).map((a) => fold(a.name))).size,
    agencies: kb.agencies.length,
    agencyCountries: new Set(kb.agencies.map((a) => a.country).filter(Boolean)).size,
    nameRows: names.rows.length,
  };
}

/**
 * Version and build date come from the upstream snapshot, never the clock, so rebuilds are identical; the
 * newest fact is the later of the snapshot and the newest curated attribution.
 */
export function manifest(
  snapshotDate: string,
  commits: Record<string, string>,
  counts: Record<string, number>,
  kb: KnowledgeBase,
): KbManifest {
  const attributed = newestAttribution(kb.actors.flatMap((a) => (a.sponsor ? [a.sponsor] : [])));
  return {
    version: snapshotDate.replaceAll('-', '.'),
    builtAt: snapshotDate,
    newestFact: attributed && attributed > snapshotDate ? attributed : snapshotDate,
    ...(attributed ? { newestAttribution: attributed } : {}),
    upstream: Object.fromEntries(Object.entries(commits).sort(([a], [b]) => byCode(a, b))),
    counts,
  };
}
