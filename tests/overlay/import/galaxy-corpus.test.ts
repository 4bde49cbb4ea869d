import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CORPUS_DIR,
  importIntoEmpty,
  namesByRisk,
  ownMarksOnCorpus,
  RANSOMWARE_GALAXY,
} from '../../../scripts/overlay/measure-import';

/** The marks judged right per page (tests/fixtures/misp-galaxy/ransomware-corpus-labels.json). */
const LABELS = JSON.parse(
  readFileSync('tests/fixtures/misp-galaxy/ransomware-corpus-labels.json', 'utf8'),
) as { right: Record<string, { text: string; id: string }[]> };

describe('importing the MISP ransomware galaxy', async () => {
  const { report, overlay } = await importIntoEmpty(readFileSync(RANSOMWARE_GALAXY, 'utf8'));

  it('adds its names with risk classes, and lists the common words among them', () => {
    if (!report.ok) throw new Error(report.error);
    const byRisk = namesByRisk(overlay);
    // Most of its names are words, people, places or coined words: each needs context on a page.
    expect(byRisk.generic + byRisk.coinage).toBeGreaterThan(byRisk.distinctive);
    const common = report.items
      .flatMap((it) => it.needsContext ?? [])
      .filter((c) => c.risk === 'generic')
      .map((c) => c.name);
    // (Cuba, also on the list, is a bundled ransomware gang now: the galaxy's entry merges into it.)
    for (const name of ['Sport', 'Korean', 'globe', 'knight', 'James', 'Donald Trump'])
      expect(common, name).toContain(name);
    // No stop word or one-letter name is among what it writes.
    const written = [...overlay.entities.flatMap((e) => [e.name, ...e.aliases.map((a) => a.name)])];
    for (const name of ['One', 'J', 'R']) expect(written, name).not.toContain(name);
  });

  it.skipIf(!existsSync(CORPUS_DIR))(
    'the 130 everyday news pages show no own-name mark the labels do not call right',
    () => {
      const wrong: string[] = [];
      for (const [file, marks] of ownMarksOnCorpus(overlay)) {
        const right = LABELS.right[file] ?? [];
        for (const m of marks)
          if (!right.some((r) => r.text === m.text && r.id === m.id))
            wrong.push(`${file}: ${m.text} (${m.id})`);
      }
      expect(wrong).toEqual([]);
    },
    180_000,
  );
});
