/**
 * `npm run bench:overlay`: what the reader's own KB costs a page's first scan. A 500-name overlay (200
 * actors and agencies with two or three names each, made up so none is a bundled name) is built as the
 * background builds it, stored as JSON as extension storage keeps it, and loaded as a tab loads it; then
 * every saved news page's visible text is matched the way the scanner's first scan does (in slices, with
 * the page's topicality and the names seen so far), once with the bundled matcher alone and once with the
 * overlay's beside it, the two alternating page by page in the same run. Prints the added time per page
 * (median, p90, max), the tab's load of the stored matcher, and the background's build. Numbers only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Compiled } from '../../lib/match/compile';
import { isTopical } from '../../lib/match/context';
import { findMentions } from '../../lib/match/find-mentions';
import type { Mention } from '../../lib/match/types';
import {
  buildOverlayMatcher,
  findWithOverlay,
  loadOverlayMatcher,
  loadOverlayTables,
  overlayNameRows,
} from '../../lib/overlay/matcher';
import type { Overlay, OverlayEntity } from '../../lib/overlay/model';
import { bundledIndex, overlayProblems } from '../../lib/overlay/validate';
import { nextSliceSize, sliceEnd } from '../../lib/page/scanner';
import { htmlText } from '../cli/html-text';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus/news-pages');
const NAMES = 500;

const ADJECTIVES =
  'Amber Ashen Brass Cobalt Copper Crimson Dusky Ember Frosted Gilded Hollow Iron Jade Lunar Marble Misty Onyx Pale Quiet Rusty Sable Silent Slate Tawny Velvet Woven'.split(
    ' ',
  );
const NOUNS =
  'Anvil Beacon Bramble Cinder Compass Kettle Lantern Marten Orchid Otter Quill Raven Saddle Spindle Teapot Thimble Trellis Walrus Willow Wren'.split(
    ' ',
  );

/** A made-up overlay of about `names` names: codenames, vendor-style ids and two-word aliases. */
function madeUpOverlay(names: number): Overlay {
  const t = '2026-12-01T00:00:00.000Z';
  const entities: OverlayEntity[] = [];
  let count = 0;
  for (let i = 0; count < names; i++) {
    const alias = (k: number) =>
      `${ADJECTIVES[(i * 7 + k) % ADJECTIVES.length]} ${NOUNS[(i * 3 + k * 5) % NOUNS.length]} ${i}`;
    const aliases = [
      { name: alias(1), source: 'ours' },
      ...(i % 2 ? [{ name: `Cluster-${4000 + i}`, source: 'Vendor' }] : []),
    ];
    entities.push({
      id: `ours-team-${i}`,
      kind: i % 10 === 0 ? 'agency' : 'actor',
      name: `UNC-ACME-${i}`,
      aliases,
      notes: '',
      links: [],
      createdAt: t,
      updatedAt: t,
    });
    count += 1 + aliases.length;
  }
  return { entities, extensions: [] };
}

type Find = (text: string, options: { pageEntities: Set<string>; topical: boolean }) => Mention[];

/** The scanner's first scan over one text (its matching part): slices sized from the last one's speed. */
function firstScan(text: string, find: Find): { ms: number; found: number } {
  const t0 = performance.now();
  const seen = new Set<string>();
  const topical = isTopical(text);
  let found = 0;
  let size = 8_000;
  for (let a = 0; a < text.length; ) {
    const b = sliceEnd(text, a, size);
    const s0 = performance.now();
    for (const m of find(text.slice(a, b), { pageEntities: seen, topical })) {
      if (!m.ours) seen.add(m.id);
      found++;
    }
    size = nextSliceSize(b - a, performance.now() - s0, 6);
    a = b + 1;
  }
  return { ms: performance.now() - t0, found };
}

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const f = (x: number) => x.toFixed(3);

function main(): void {
  if (!existsSync(CORPUS)) {
    console.log(`bench:overlay skipped: ${CORPUS} is absent.`);
    return;
  }
  const overlay = madeUpOverlay(NAMES);
  // The background's part, once per change: check the whole overlay, then compile its names.
  bundledIndex();
  const b0 = performance.now();
  const problems = overlayProblems(overlay);
  const rows = overlayNameRows(overlay, (id) => bundledIndex().facts(id));
  const file = buildOverlayMatcher(rows);
  const buildMs = performance.now() - b0;
  if (problems.length) throw new Error(`the made-up overlay is refused: ${problems[0]!.message}`);
  const stored = JSON.stringify(file);
  // A tab's part: storage hands the object over as a structured clone, then it is checked and wrapped.
  const l0 = performance.now();
  let tables: Compiled | undefined = loadOverlayTables(structuredClone(file));
  const loadCold = performance.now() - l0;
  const loadRuns = 200;
  const l1 = performance.now();
  for (let i = 0; i < loadRuns; i++) tables = loadOverlayTables(structuredClone(file));
  const loadWarm = (performance.now() - l1) / loadRuns;

  const files = readdirSync(CORPUS).filter((n) => n.endsWith('.html'));
  const texts = files.map((n) => htmlText(readFileSync(join(CORPUS, n), 'utf8')));
  const bundledOnly: Find = (t, o) => findMentions(t, o);
  // What a tab scans with: one walk over the text for both tables.
  const withOverlay: Find = findWithOverlay(tables);
  const ours = loadOverlayMatcher(file)!;
  // Warm both paths on every page once, as a tab that has seen a page before would be.
  for (const t of texts) {
    firstScan(t, bundledOnly);
    firstScan(t, withOverlay);
  }
  const ROUNDS = 5;
  const base: number[] = [];
  const withO: number[] = [];
  const added: number[] = [];
  let oursFound = 0;
  texts.forEach((t) => {
    const a: number[] = [];
    const b: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate which goes first, so neither always runs on a cache the other warmed.
      if (r % 2) {
        b.push(firstScan(t, withOverlay).ms);
        a.push(firstScan(t, bundledOnly).ms);
      } else {
        a.push(firstScan(t, bundledOnly).ms);
        b.push(firstScan(t, withOverlay).ms);
      }
    }
    // The fastest of the runs: the machine's other work only ever adds time.
    const ma = Math.min(...a);
    const mb = Math.min(...b);
    base.push(ma);
    withO.push(mb);
    added.push(mb - ma);
    oursFound += ours.findMentions(t).length;
  });
  const chars = texts.reduce((s, t) => s + t.length, 0);
  console.log(
    `bench:overlay — ${rows.length} overlay names (${overlay.entities.length} entities), ${files.length} corpus pages (${(chars / 1e6).toFixed(2)} MB of visible text), fastest of ${ROUNDS} alternating runs per page`,
  );
  console.log(
    `background build (check + compile, once per change): ${f(buildMs)} ms · stored matcher ${(stored.length / 1024).toFixed(1)} KB`,
  );
  console.log(
    `tab load of the stored matcher (structured clone + shape check + wrap): first ${f(loadCold)} ms, warm ${f(loadWarm)} ms`,
  );
  console.log(
    `first scan's matching, bundled only: median ${f(quantile(base, 0.5))} ms, p90 ${f(quantile(base, 0.9))} ms, max ${f(Math.max(...base))} ms`,
  );
  console.log(
    `with the 500-name overlay:            median ${f(quantile(withO, 0.5))} ms, p90 ${f(quantile(withO, 0.9))} ms, max ${f(Math.max(...withO))} ms`,
  );
  console.log(
    `added per page (with − without):      median ${f(quantile(added, 0.5))} ms, p90 ${f(quantile(added, 0.9))} ms, max ${f(Math.max(...added))} ms · plus the load above · ${oursFound} overlay hits in the corpus`,
  );
}

main();
