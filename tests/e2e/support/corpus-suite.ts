import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOTS, startServer, type TestServer } from '../../../scripts/dev/serve';
import { type ExtensionBrowser, launchBrowser } from './driver';
import { bodyMatchesLoad, keepBodyAtLoad, readHighlights } from './page-checks';

/** The hand-judged mentions of every corpus page (npm run eval scores the matcher against the same file). */
const LABELS = (
  JSON.parse(readFileSync('tests/fixtures/eval/corpus-labels.json', 'utf8')) as {
    pages: Record<string, { text: string; kind: 'actor' | 'agency'; right: number }[]>;
  }
).pages;

/** Texts judged right for a kind on a page. */
const judgedRight = (file: string, kind: 'actor' | 'agency') =>
  new Set((LABELS[file] ?? []).filter((l) => l.kind === kind && l.right > 0).map((l) => l.text));

/** The saved real news pages, when ../shared is there. */
export const CORPUS = existsSync(ROOTS.corpus!)
  ? readdirSync(ROOTS.corpus!)
      .filter((f) => f.endsWith('.html'))
      .sort()
  : [];

function countPainted(): number {
  let n = 0;
  for (const [name, h] of CSS.highlights) if (name.startsWith('apt-lens')) n += h.size;
  return n;
}

/** Page integrity over the real pages: DOM identical, no extension error, mentions counted. */
export function corpusSuite(name: 'chromium' | 'firefox', pages: string[]): void {
  let server: TestServer;
  let browser: ExtensionBrowser;
  const counts: Record<string, number> = {};
  const agencies = { right: 0, wrong: [] as string[] };

  describe.skipIf(CORPUS.length === 0)(`real news pages in ${name} (${pages.length})`, () => {
    beforeAll(async () => {
      server = await startServer();
      // Page scripts are blocked by the server's CSP (scripts/dev/serve.ts), so the DOM is the parse result.
      browser = await launchBrowser(name);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      mkdirSync('test-results', { recursive: true });
      writeFileSync(`test-results/corpus-mentions-${name}.json`, `${JSON.stringify(counts, null, 1)}\n`);
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      console.log(
        `${name}: ${Object.keys(counts).length} pages, ${total} mentions painted (test-results/corpus-mentions-${name}.json)`,
      );
    });

    it.each(pages)('%s stays intact', async (file) => {
      const tab = await browser.newTab();
      try {
        await tab.addInitScript(keepBodyAtLoad);
        await tab.goto(`${server.origin}/corpus/${file}`);
        await tab.waitFor(() => performance.getEntriesByName('apt-lens:scan').length > 0, 15_000);
        const check = await tab.evaluate(bodyMatchesLoad, undefined);
        expect(check.atLoad, `${file}: the body was captured at load`).toBeGreaterThan(0);
        expect(check.same, `${file}: body changed (${check.atLoad} → ${check.live} chars)`).toBe(true);
        counts[file] = await tab.evaluate(countPainted, undefined);
        // Trust on everyday pages: no actor highlight that the labels do not judge right.
        const painted = await tab.evaluate(readHighlights, undefined);
        const actorsRight = judgedRight(file, 'actor');
        const actors = [...(painted['apt-lens-actor'] ?? []), ...(painted['apt-lens-ambiguous'] ?? [])];
        expect(actors.filter((t) => !actorsRight.has(t) && !judgedRight(file, 'agency').has(t))).toEqual([]);
        const agencyRight = judgedRight(file, 'agency');
        for (const t of painted['apt-lens-agency'] ?? []) {
          if (agencyRight.has(t)) agencies.right++;
          else agencies.wrong.push(`${file}: ${t}`);
        }
        expect(browser.extensionErrors()).toEqual([]);
      } finally {
        await tab.close();
      }
    });

    it('paints agencies right at least 97% of the time, as judged in the labels', () => {
      const total = agencies.right + agencies.wrong.length;
      expect(agencies.right, agencies.wrong.join('\n')).toBeGreaterThanOrEqual(Math.ceil(0.97 * total));
    });
  });
  if (CORPUS.length === 0)
    console.warn('../shared/corpus/news-pages is absent: real-page integrity tests skipped.');
}
