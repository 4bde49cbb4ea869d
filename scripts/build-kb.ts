/**
 * `npm run kb`: compiles ../shared/data/upstream and data/ into data/kb/, then prints the coverage
 * counts and the review list (decisions a curator should check). `--upstream DIR` reads another snapshot.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, dictionary, OUTPUT_DIR, serialize } from './kb/build';
import { readCurated } from './kb/curated';
import { wordLists } from './kb/general-text';
import { readUpstream } from './kb/upstream';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--upstream');
const upstreamDir =
  i > 0 ? resolve(process.argv[i + 1] ?? '.') : join(root, '..', 'shared', 'data', 'upstream');

const result = compile(readUpstream(upstreamDir), readCurated(join(root, 'data')), dictionary(), wordLists());
mkdirSync(join(root, OUTPUT_DIR), { recursive: true });
for (const [file, text] of Object.entries(serialize(result)))
  writeFileSync(join(root, OUTPUT_DIR, file), text);

console.log(`review (${result.review.length}):`);
for (const line of result.review) console.log(`  ${line}`);
console.log('coverage:');
for (const [k, v] of Object.entries(result.manifest.counts)) console.log(`  ${k.padEnd(24)} ${v}`);
