/**
 * Government and international bodies: MISP's intelligence-agency list, cleaned, overlaid with the
 * project's curated agencies (which add the abbreviations, native names, CERTs, ministries and parents).
 */
import type { Agency } from '../../lib/kb/types';
import type { Review } from './attach';
import type { CountryLookup } from './countries';
import type { CuratedAgency } from './curated';
import { byCode, fitId, fold, slug, stripMarks, tidy } from './text';
import { type MispValue, metaList } from './upstream';

/** Strips Wikipedia debris from a MISP agency name; a trailing all-caps parenthesis becomes an abbreviation. */
export function cleanAgencyName(
  raw: string,
  country: CountryLookup,
): { name: string; abbreviations: string[] } {
  let name = tidy(
    raw
      .replace(/\[\d+\]/g, '')
      .replace(/\(page does not exist\)/g, '')
      .replace(/^[a-z]{2}:/, '')
      .replace(/,$/, ''),
  );
  const abbreviations: string[] = [];
  for (;;) {
    const m = /^(.*\S)\s*\(([^()]+)\)$/.exec(name);
    if (!m) break;
    const inner = m[2]!.trim();
    if (/^[\p{Lu}\d\s./–-]{2,}$/u.test(inner))
      abbreviations.push(...inner.split(/\s*[/–]\s*/).filter(Boolean));
    else if (
      !country(inner.replace(/^the /, '')) &&
      !/Republic of China|United States Army|México/.test(inner)
    )
      break;
    name = m[1]!;
  }
  return { name, abbreviations };
}

const uniq = (xs: string[]) => [...new Set(xs.map(tidy).filter(Boolean))];

/** Adds the diacritic-free spelling of each abbreviation (NÚKIB → NUKIB), as the press often writes it. */
function withPlainSpellings(abbreviations: string[]): string[] {
  return uniq(abbreviations.flatMap((a) => [a, stripMarks(a)]));
}

/** Merges upstream and curated agencies into one sorted list with unique ids. */
export function buildAgencies(
  upstream: MispValue[],
  producers: MispValue[],
  curated: CuratedAgency[],
  country: CountryLookup,
  review: Review,
): Agency[] {
  const replaced = new Map(curated.filter((c) => c.upstream).map((c) => [c.upstream!, c]));
  const producerByName = new Map(producers.map((p) => [p.value, p]));
  const out = new Map<string, Agency>();
  for (const c of curated) {
    if (out.has(c.id)) throw new Error(`agencies.json: duplicate id ${c.id}`);
    const { upstream: up, producer, ...agency } = c;
    const src = up ? upstream.find((u) => u.value === up) : undefined;
    if (up && !src)
      throw new Error(`agencies.json: ${c.id} names upstream "${up}", which is not in the snapshot`);
    const p = producer ? producerByName.get(producer) : undefined;
    if (producer && !p)
      throw new Error(`agencies.json: ${c.id} names producer "${producer}", which is not in the snapshot`);
    const isNew = (s: string) =>
      fold(s) !== fold(c.name) && !c.abbreviations.some((a) => fold(a) === fold(s));
    const otherNames = uniq([...(c.otherNames ?? []), ...metaList(p?.meta, 'synonyms').filter(isNew)]);
    out.set(c.id, {
      ...agency,
      abbreviations: withPlainSpellings(c.abbreviations),
      localNames: uniq([...c.localNames, ...metaList(src?.meta, 'synonyms').filter(isNew)]),
      ...(otherNames.length ? { otherNames } : {}),
      refs: uniq([...(c.refs ?? []), ...metaList(src?.meta, 'refs')]),
    });
  }
  for (const u of upstream) {
    if (replaced.has(u.value)) continue;
    const iso = metaList(u.meta, 'country')[0];
    if (!iso) {
      review(`agency: "${u.value}" has no country upstream; skipped`);
      continue;
    }
    const { name, abbreviations } = cleanAgencyName(u.value, country);
    let full = `${iso.toLowerCase()}-${slug(name)}`;
    if (out.has(full)) full = `${full}-${u.uuid.slice(0, 4)}`;
    const id = fitId(full, u.uuid.slice(0, 4));
    if (out.has(id)) throw new Error(`agency ${full}: shortened id ${id} is taken`);
    out.set(id, {
      id,
      ...(id !== full ? { formerId: full } : {}),
      name,
      abbreviations: withPlainSpellings(abbreviations),
      localNames: uniq(metaList(u.meta, 'synonyms').filter((s) => fold(s) !== fold(name))),
      country: iso,
      kind: 'intelligence',
      refs: metaList(u.meta, 'refs'),
    });
  }
  const primaries = new Map<string, string>();
  for (const a of out.values()) {
    if (a.parent && !out.has(a.parent)) throw new Error(`agency ${a.id}: unknown parent ${a.parent}`);
    for (const name of a.primaryFor ?? []) {
      if (!a.abbreviations.includes(name))
        throw new Error(
          `agencies.json: ${a.id} is primary for "${name}", which is not one of its abbreviations`,
        );
      const other = primaries.get(fold(name));
      if (other) throw new Error(`agencies.json: ${a.id} and ${other} are both primary for "${name}"`);
      primaries.set(fold(name), a.id);
    }
  }
  return [...out.values()].sort((a, b) => byCode(a.id, b.id));
}
