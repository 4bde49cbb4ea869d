/**
 * `npx tsx scripts/overlay/measure-import.ts [galaxy.json]`: imports a galaxy (by default the MISP ransomware
 * galaxy fixture) into an empty overlay, as the dashboard's import does, then scans the 130 everyday news
 * pages of ../shared/corpus/news-pages with the bundled and the overlay matcher paired, as a tab does, and
 * prints how many own names the import made, by risk class, and every own-name mark on the pages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKb } from '../../lib/kb/index';
import { NameFlag } from '../../lib/kb/types';
import { isTopical } from '../../lib/match/context';
import type { Mention } from '../../lib/match/types';
import { withWrites } from '../../lib/overlay/import/classify';
import type { OverlayImportReport } from '../../lib/overlay/import/report';
import { runOverlayImport } from '../../lib/overlay/import/run';
import { findWithOverlay, loadOverlayTables } from '../../lib/overlay/matcher';
import { EMPTY_OVERLAY, type Overlay } from '../../lib/overlay/model';
import { matcherFileFor } from '../../lib/overlay/service';
import { overlayProblems } from '../../lib/overlay/validate';
import { htmlText } from '../cli/html-text';

const root = join(import.meta.dirname, '../..');
/** The MISP ransomware galaxy, as committed for the tests. */
export const RANSOMWARE_GALAXY = join(root, 'tests/fixtures/misp-galaxy/ransomware.json');
/** The everyday news pages (absent where ../shared is not checked out). */
export const CORPUS_DIR = join(root, '../shared/corpus/news-pages');

/** Imports a file into an empty overlay with the real checks: the summary and the overlay it writes. */
export async function importIntoEmpty(
  text: string,
): Promise<{ report: OverlayImportReport; overlay: Overlay }> {
  let overlay: Overlay = EMPTY_OVERLAY;
  const report = await runOverlayImport(text, true, {
    kb: loadKb(),
    read: async () => overlay,
    problems: (o) => overlayProblems(o),
    write: async (entries) => {
      overlay = withWrites(overlay, entries);
      return { ok: true };
    },
    now: () => new Date('2026-12-01T10:00:00Z'),
  });
  return { report, overlay };
}

/** The own names of an overlay by risk class, as the tabs' matcher holds them. */
export function namesByRisk(overlay: Overlay): Record<'distinctive' | 'coinage' | 'generic', number> {
  const counts = { distinctive: 0, coinage: 0, generic: 0 };
  const file = matcherFileFor(overlay);
  for (const line of file ? file.names.split('\n') : []) {
    const flags = Number(line.split('\t')[2]);
    counts[flags & NameFlag.generic ? 'generic' : flags & NameFlag.coinage ? 'coinage' : 'distinctive']++;
  }
  return counts;
}

/** Every own-name mark on each corpus page (its text read as the CLI and the eval read it). */
export function ownMarksOnCorpus(overlay: Overlay): Map<string, Mention[]> {
  const find = findWithOverlay(loadOverlayTables(matcherFileFor(overlay)));
  const out = new Map<string, Mention[]>();
  for (const f of readdirSync(CORPUS_DIR)
    .filter((x) => x.endsWith('.html'))
    .sort()) {
    const text = htmlText(readFileSync(join(CORPUS_DIR, f), 'utf8'));
    out.set(
      f,
      find(text, { topical: isTopical(text) }).filter((m) => m.ours),
    );
  }
  return out;
}

if (process.argv[1] === import.meta.filename) {
  const { report, overlay } = await importIntoEmpty(
    readFileSync(process.argv[2] ?? RANSOMWARE_GALAXY, 'utf8'),
  );
  if (!report.ok) throw new Error(report.error);
  console.log(
    `import: ${JSON.stringify(report.counts)}, ${report.writes} entries written, ${report.retired} retired`,
  );
  const byRisk = namesByRisk(overlay);
  const total = byRisk.distinctive + byRisk.coinage + byRisk.generic;
  console.log(`own names: ${total} (${JSON.stringify(byRisk)})`);
  if (!existsSync(CORPUS_DIR)) {
    console.log('../shared/corpus/news-pages is absent: pages not scanned');
  } else {
    const marks = ownMarksOnCorpus(overlay);
    let n = 0;
    let pages = 0;
    for (const [f, list] of marks) {
      if (list.length) pages++;
      n += list.length;
      for (const m of list) console.log(`  ${f}: ${m.text} → ${m.name} (${m.id})`);
    }
    console.log(`corpus: ${marks.size} pages, ${n} own-name marks on ${pages} pages`);
  }
}
