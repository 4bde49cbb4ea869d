import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOTS, startServer, type TestServer } from '../../../scripts/dev/serve';
import { type ExtensionBrowser, launchBrowser } from './driver';
import { bodyMatchesLoad, keepBodyAtLoad } from './page-checks';

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
        expect(browser.extensionErrors()).toEqual([]);
      } finally {
        await tab.close();
      }
    });
  });
  if (CORPUS.length === 0)
    console.warn('../shared/corpus/news-pages is absent: real-page integrity tests skipped.');
}
