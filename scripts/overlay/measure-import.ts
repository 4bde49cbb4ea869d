/**
 * `npx tsx scripts/overlay/measure-import.ts [galaxy.json]`: imports a galaxy (by default the MISP ransomware
 * galaxy fixture) into an empty overlay, as the dashboard's import would, then scans the 130 everyday news
 * pages of ../shared/corpus/news-pages with the bundled and the overlay matcher paired, as a tab does, and
 * prints how many own names the import made, by risk class, and every own-name mark on the pages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKb } from '../../lib/kb/index';
import { isTopical } from '../../lib/match/context';
import { withWrites } from '../../lib/overlay/import/classify';
import { runOverlayImport } from '../../lib/overlay/import/run';
import { findWithOverlay, loadOverlayTables } from '../../lib/overlay/matcher';
import { EMPTY_OVERLAY, type Overlay } from '../../lib/overlay/model';
import { matcherFileFor } from '../../lib/overlay/service';
import { overlayProblems } from '../../lib/overlay/validate';
import { htmlText } from '../cli/scan';

const root = join(import.meta.dirname, '../..');
const file = process.argv[2] ?? join(root, 'tests/fixtures/misp-galaxy/ransomware.json');
let overlay: Overlay = EMPTY_OVERLAY;
const report = await runOverlayImport(readFileSync(file, 'utf8'), true, {
  kb: loadKb(),
  read: async () => overlay,
  problems: (o) => overlayProblems(o),
  write: async (entries) => {
    overlay = withWrites(overlay, entries);
    return { ok: true };
  },
  now: () => new Date('2026-12-01T10:00:00Z'),
});
if (!report.ok) throw new Error(report.error);
console.log(`import: ${JSON.stringify(report.counts)}, ${report.writes} entries written`);
const matcher = matcherFileFor(overlay);
const rows = matcher ? matcher.names.split('\n').map((l) => l.split('\t')) : [];
const byFlag = { distinctive: 0, coinage: 0, generic: 0 };
for (const [, , flags] of rows) {
  const f = Number(flags);
  byFlag[f & 128 ? 'generic' : f & 256 ? 'coinage' : 'distinctive']++;
}
console.log(`own names: ${rows.length} (${JSON.stringify(byFlag)})`);

const dir = join(root, '../shared/corpus/news-pages');
if (!existsSync(dir)) {
  console.log('../shared/corpus/news-pages is absent: pages not scanned');
  process.exit(0);
}
const find = findWithOverlay(loadOverlayTables(matcher));
let marks = 0;
let pages = 0;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.html'))
  .sort();
for (const f of files) {
  const text = htmlText(readFileSync(join(dir, f), 'utf8'));
  const own = find(text, { topical: isTopical(text) }).filter((m) => m.ours);
  if (own.length) pages++;
  marks += own.length;
  for (const m of own) console.log(`  ${f}: ${m.text} → ${m.name} (${m.id})`);
}
console.log(`corpus: ${files.length} pages, ${marks} own-name marks on ${pages} pages`);
