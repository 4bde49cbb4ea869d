/** Country names → ISO codes, from MISP target-information (names, native names and synonyms). */
import { fold } from './text';
import { type MispValue, metaList } from './upstream';

/** Looks a free-text country ("Russian Federation", "Iran (Islamic Republic of)", "China") up as ISO alpha-2. */
export type CountryLookup = (name: string) => string | undefined;

/** Builds the lookup once; "Unknown" and unmatched strings give undefined rather than a guess. */
export function countryLookup(targetInfo: MispValue[]): CountryLookup {
  const map = new Map<string, string>();
  for (const t of targetInfo) {
    const iso = metaList(t.meta, 'iso-code').find((c) => /^[A-Z]{2}$/.test(c));
    if (!iso) continue;
    for (const n of [t.value, ...metaList(t.meta, 'synonyms')]) if (!map.has(fold(n))) map.set(fold(n), iso);
  }
  return (name) => map.get(fold(name));
}
