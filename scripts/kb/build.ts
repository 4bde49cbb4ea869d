/** The whole compiler as one pure-ish function: upstream + curated in, KB files and a review list out. */
import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';
import { decodeNameTable } from '../../lib/kb/name-table';
import type { KbManifest, KnowledgeBase, NameTableFile } from '../../lib/kb/types';
import { compileData } from '../../lib/match/compile';
import { buildAgencies } from './agencies';
import { type AttachContext, attach360, attachMicrosoft, attachMitre } from './attach';
import { buildSponsors } from './attributions';
import { separateCampaigns } from './campaigns';
import { countryLookup } from './countries';
import { creditsFromAttack } from './credits';
import type { Curated } from './curated';
import { NameIndex } from './drafts';
import { applyCuratedNames, assignIds, type DropRules, freezeActors } from './finalize';
import type { WordSource } from './flags';
import { NO_LISTS, type WordLists } from './general-text';
import { absorbAttackNamed, attackGroupNames, identityProblems, settleAttackNames } from './identity';
import { draftsFromMisp, producerNames } from './misp';
import { agencyNames, coverage, manifest, nameTable } from './output';
import { addGangs } from './ransomware';
import { addSpacedForms } from './spacing';
import { serializeTables } from './tables';
import { fold } from './text';
import { groupId, type Upstream } from './upstream';

/** Per active ATT&CK group, the names ATT&CK lists for it (folded). */
function attackListed(groups: Upstream['mitreGroups']): Map<string, Set<string>> {
  return new Map(
    groups
      .filter((g) => !g.revoked && !g.x_mitre_deprecated)
      .map((g) => [groupId(g), new Set([g.name, ...(g.aliases ?? [])].map(fold))]),
  );
}

/** What one compiler run produces. */
export interface BuildResult {
  kb: KnowledgeBase;
  names: NameTableFile;
  manifest: KbManifest;
  review: string[];
}

/** The English dictionary from the word-list package, lower-cased. */
export function dictionary(): Set<string> {
  return new Set(readFileSync(wordListPath, 'utf8').split('\n').filter(Boolean));
}

/**
 * Runs every stage in order; the dictionary and the general-text lists are parameters so fixture tests can
 * pass tiny ones.
 */
export function compile(
  up: Upstream,
  curated: Curated,
  dict: Set<string>,
  lists: WordLists = NO_LISTS,
): BuildResult {
  const review: string[] = [];
  const note = (line: string) => review.push(line);
  const country = countryLookup(up.targetInfo);
  const words: WordSource = {
    dictionary: dict,
    curated: new Set(curated.ordinaryWords.map((w) => fold(w.name))),
  };

  const agencies = buildAgencies(up.intelAgencies, up.producers, curated.agencies, country, note);
  const agencyIds = new Set(agencies.map((a) => a.id));

  const producers = producerNames(up.producers, curated.vendorNames);
  const placeholders = new Map(curated.hygiene.actors.map((a) => [a.mispUuid, a]));
  for (const p of placeholders.values()) note(`drop actor: "${p.name}": ${p.reason}`);
  const drafts = draftsFromMisp(
    up.threatActors.filter((a) => !placeholders.has(a.uuid)),
    producers,
    country,
    curated.vendorNames,
  );
  const ctx: AttachContext = {
    drafts,
    byUuid: new Map(drafts.map((d) => [d.key, d])),
    index: new NameIndex(drafts),
    review: note,
  };
  const attack = attackGroupNames(up.mitreGroups);
  attachMitre(ctx, up.mitreGroups, up.mispMitre);
  attachMicrosoft(ctx, up.microsoft, up.mispMicrosoft, country, attack);
  attach360(ctx, up.net360);
  ctx.drafts = absorbAttackNamed(ctx.drafts, attack, note);
  settleAttackNames(ctx.drafts, attack, note);
  ctx.drafts = separateCampaigns(ctx.drafts, up.mitreCampaigns, up.mitreGroups, note);
  ctx.drafts = addGangs(ctx.drafts, curated.ransomware, note);
  ctx.drafts = addGangs(ctx.drafts, curated.groups, note);
  addSpacedForms(ctx.drafts);
  assignIds(ctx.drafts, curated, note);
  applyCuratedNames(ctx.drafts, curated);
  const ids = new Set(ctx.drafts.map((d) => d.id));
  const sponsors = buildSponsors(curated.sponsors, ids, agencyIds);
  const dropNames: DropRules['names'] = new Map();
  for (const d of [...curated.overrides.dropAliases, ...curated.hygiene.aliases])
    dropNames.set(fold(d.name), [...(dropNames.get(fold(d.name)) ?? []), d]);
  const agencyNameKeys = new Set(agencies.flatMap(agencyNames).map(fold));
  const actors = freezeActors(
    ctx.drafts,
    curated,
    words,
    { names: dropNames, agencyNames: agencyNameKeys },
    { attackCredits: creditsFromAttack(up.mitreGroups), sponsors },
    note,
  );

  const kb: KnowledgeBase = { actors, agencies };
  const names = nameTable(
    kb,
    words,
    {
      ...lists,
      brands: new Set([...lists.brands, ...curated.products.map((p) => fold(p.name))]),
      dictionary: dict,
      curated: new Set([...curated.ordinaryWords, ...curated.genericNames].map((w) => fold(w.name))),
    },
    new Map([...attack.values()].map((g) => [g.gid, g.listed])),
  );
  const wrong = identityProblems(names.rows, actors, attack);
  if (wrong.length)
    throw new Error(`ATT&CK group names that do not reach their G-id's actor:\n  ${wrong.join('\n  ')}`);
  return {
    kb,
    names,
    manifest: manifest(up.snapshotDate, up.commits, coverage(kb, names, attackListed(up.mitreGroups)), kb),
    review: review.sort(),
  };
}

/** Where `npm run kb` writes the compiled KB, beside its curated inputs in data/. */
export const OUTPUT_DIR = 'data/kb';

/**
 * The committed files' exact text (in `OUTPUT_DIR`): the KB with one entity per line, so diffs stay
 * readable and small; and the name table with the matcher's tables compiled from it, so the content script
 * loads them instead of building them.
 */
export function serialize(r: BuildResult): Record<'kb.json' | 'manifest.json' | 'tables.json', string> {
  const lines = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).join(',\n');
  return {
    'kb.json': `{"actors":[\n${lines(r.kb.actors)}\n],\n"agencies":[\n${lines(r.kb.agencies)}\n]}\n`,
    'manifest.json': `${JSON.stringify(r.manifest, null, 2)}\n`,
    'tables.json': serializeTables(r.names, compileData(decodeNameTable(r.names))),
  };
}
