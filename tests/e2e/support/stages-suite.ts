import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../../scripts/dev/serve';
import { type ExtensionBrowser, launchBrowser } from './driver';

/** What a frame's timeline says of APT Lens there (the timing build's marks land in the page's timeline). */
function stages(): { looked: boolean; secondStage: boolean; matcher: boolean; painted: number } {
  const has = (name: string) => performance.getEntriesByName(name).length > 0;
  return {
    looked: has('apt-lens:main'),
    secondStage: has('apt-lens:second-stage'),
    matcher: has('apt-lens:matcher-ready'),
    painted: CSS.highlights.get('apt-lens-actor')?.size ?? 0,
  };
}

/** The two stages of the content script, run once per browser. */
export function stagesSuite(name: 'chromium' | 'firefox'): void {
  let server: TestServer;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(name);
    // The background stores the bundled names' keys on install; a page opened before that loads the
    // matcher everywhere (the first stage never says no without them).
    const popup = await browser.openExtensionPage('popup.html', 'input[type=search]');
    await popup.evaluate(async () => {
      interface Api {
        storage: { local: { get(k: string): Promise<Record<string, unknown>> } };
      }
      const g = globalThis as unknown as { browser?: Api; chrome: Api };
      const api = g.browser ?? g.chrome;
      for (let i = 0; i < 100 && !(await api.storage.local.get('bundledPrefilter')).bundledPrefilter; i++)
        await new Promise((ok) => setTimeout(ok, 50));
    }, undefined);
    await popup.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe(`two stages in ${name}`, () => {
    it('never loads the matcher into a frame without names; loads it and paints where there is one', async () => {
      const tab = await browser.openScanned(`${server.origin}/pages/stages.html`);
      await tab.front();
      // The named frame is painted.
      const named = async () => tab.frameEval('frame-inner.html', stages, undefined);
      for (let i = 0; i < 50 && !(await named())?.painted; i++)
        await new Promise((ok) => setTimeout(ok, 100));
      expect(await named()).toEqual({ looked: true, secondStage: true, matcher: true, painted: 1 });
      // The plain frame was read (its first stage ran) and the matcher never came.
      const plain = async () => tab.frameEval('stages-plain.html', stages, undefined);
      for (let i = 0; i < 50 && !(await plain())?.looked; i++) await new Promise((ok) => setTimeout(ok, 100));
      await new Promise((ok) => setTimeout(ok, 500));
      expect(await plain()).toEqual({ looked: true, secondStage: false, matcher: false, painted: 0 });
      // Text with a name arriving later brings it in.
      await tab.frameEval(
        'stages-plain.html',
        () => {
          const p = document.createElement('p');
          p.textContent = 'Update: the outage was the work of APT31.';
          document.body.append(p);
        },
        undefined,
      );
      for (let i = 0; i < 50 && !(await plain())?.painted; i++)
        await new Promise((ok) => setTimeout(ok, 100));
      expect(await plain()).toEqual({ looked: true, secondStage: true, matcher: true, painted: 1 });
      await tab.close();
    });
  });
}
