/**
 * `npm run bench:match`: how fast the mention finder reads text, against one combined case-insensitive
 * RegExp alternation of the same names (the usual approach), over the visible text of the shared corpus
 * of saved news pages and over a synthetic text dense with names; and what getting a matcher costs, built
 * from the name table (the old way) against loaded from the prebuilt tables in `data/kb/tables.json`.
 * Prints numbers only; nothing here asserts a timing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledNameTable } from '../../lib/kb/names';
import { readTables } from '../../lib/kb/tables';
import { loadBundledTables } from '../../lib/match/bundled';
import { Compiled } from '../../lib/match/compile';
import { createMatcher, type Matcher, matcherOver } from '../../lib/match/find-mentions';
import { htmlText } from '../cli/html-text';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus/news-pages');

function time(fn: () => void, minMs = 1000): number {
  fn();
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    fn();
    runs++;
    elapsed = performance.now() - start;
  }
  return elapsed / runs;
}

function alternation(names: readonly string[]): RegExp {
  const escaped = [...new Set(names)]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

function synthetic(names: readonly string[], bytes: number): string {
  const filler =
    'officials said the intrusion began last year and that the group used new tools against ministries';
  const words = filler.split(' ');
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const piece = i % 6 === 0 ? names[(i * 7919) % names.length]! : words[i % words.length]!;
    parts.push(piece);
    length += piece.length + 1;
    if (i % 40 === 39) {
      parts.push('.\n');
      length += 2;
    }
  }
  return parts.join(' ');
}

function compare(label: string, text: string, matcher: Matcher, re: RegExp): void {
  const mb = text.length / 1e6;
  let found = 0;
  const ours = time(() => {
    found = matcher.findMentions(text).length;
  });
  // The alternation is slow enough that one run over a 0.5 MB sample gives a steady rate.
  const sample = text.slice(0, 500_000);
  let hits = 0;
  const start = performance.now();
  re.lastIndex = 0;
  while (re.exec(sample)) hits++;
  const theirs = performance.now() - start;
  const oursRate = mb / (ours / 1000);
  const theirRate = sample.length / 1e6 / (theirs / 1000);
  console.log(
    `${label}: ${mb.toFixed(2)} MB · findMentions ${oursRate.toFixed(1)} MB/s (${found} mentions) · ` +
      `RegExp alternation ${theirRate.toFixed(3)} MB/s (${hits} raw hits in the first 0.5 MB) · ratio ${(oursRate / theirRate).toFixed(1)}×`,
  );
}

function once(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/**
 * Both ways to get a matcher over the bundled names: compiling every name (the old way), or loading the
 * prebuilt tables from their string (rows are then decoded only when a text hits them).
 */
function construction(tablesText: string): void {
  const names = bundledNameTable();
  const build = () => createMatcher(names.rows());
  const load = () => matcherOver(new Compiled(readTables(tablesText), (i) => names.row(i)));
  // First runs before any warm-up: the closest Node gets to a fresh tab with no compiled code.
  const loadCold = once(load);
  const buildCold = once(build);
  const buildWarm = time(build, 500);
  const loadWarm = time(load, 500);
  console.log(`names: ${names.length} rows, packed in one string and split only when a text hits a row`);
  console.log(
    `matcher construction: built from names ${buildCold.toFixed(2)} ms first run, ${buildWarm.toFixed(2)} ms warm · ` +
      `prebuilt load (cutting tables.json into sections included) ${loadCold.toFixed(2)} ms first run, ${loadWarm.toFixed(2)} ms warm · ` +
      `${(buildCold / loadCold).toFixed(1)}× first run, ${(buildWarm / loadWarm).toFixed(1)}× warm`,
  );
}

function main(): void {
  construction(JSON.parse(readFileSync(join(import.meta.dirname, '../../data/kb/tables.json'), 'utf8')));
  const names = bundledNameTable()
    .rows()
    .map((r) => r.name);
  // The matcher that ships: loaded from the prebuilt tables.
  const matcher = matcherOver(loadBundledTables());
  const re = alternation(names);

  if (existsSync(CORPUS)) {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.html'));
    const text = files.map((f) => htmlText(readFileSync(join(CORPUS, f), 'utf8'))).join('\n');
    compare(`news pages (${files.length} pages, visible text)`, text, matcher, re);
  } else {
    console.log(`news pages: skipped, ${CORPUS} is absent`);
  }
  compare('synthetic text dense with names', synthetic(names, 10_000_000), matcher, re);
}

main();
