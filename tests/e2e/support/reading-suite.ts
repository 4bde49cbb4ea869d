import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../../scripts/dev/serve';
import { ACTOR_TINT } from './demo';
import { type ExtensionBrowser, launchBrowser } from './driver';
import {
  messageEveryTab,
  paintedTextAt,
  readHighlights,
  rectOfText,
  scanMeasures,
  shareOfColour,
} from './page-checks';

/** In an extension page: writes the settings as the popup does (through the background, their keeper). */
async function setSettings(change: {
  pausedSites: string[];
  style: string;
  showUncertain?: boolean;
}): Promise<void> {
  interface Api {
    runtime: { sendMessage(m: unknown): Promise<unknown> };
  }
  const g = globalThis as unknown as { browser?: Api; chrome: Api };
  const api = g.browser ?? g.chrome;
  await api.runtime.sendMessage({
    type: 'settings:put',
    settings: { pausedEverywhere: false, notOnSite: {}, ...change },
  });
}

/** Live pages, untouchable content and keyboard navigation, run once per browser. */
export function readingSuite(name: 'chromium' | 'firefox'): void {
  let server: TestServer;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(name);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe(`reading in ${name}`, () => {
    it('paints names that arrive late or re-render, without counting twice', async () => {
      // How soon late text is painted is measured by `npm run bench:page`, not asserted here.
      const tab = await browser.newTab();
      await tab.goto(`${server.origin}/pages/live.html`);
      await tab.waitFor(() => {
        const h = CSS.highlights.get('apt-lens-actor');
        return !!h && [...h].some((r) => r.startContainer.parentElement?.closest('#late'));
      }, 5000);
      // The ticker's last re-render is painted: its APT31 sits in the live text of "Ticker 10".
      await tab.waitFor(() => {
        if (!(window as unknown as { tickerDone?: boolean }).tickerDone) return false;
        const h = CSS.highlights.get('apt-lens-actor');
        return (
          !!h &&
          [...h].some(
            (r) => r.startContainer.isConnected && r.startContainer.textContent?.startsWith('Ticker 10:'),
          )
        );
      }, 5000);
      const h = await tab.evaluate(readHighlights, undefined);
      expect(h['apt-lens-actor']?.filter((t) => t === 'APT31')).toHaveLength(1);
      expect(h['apt-lens-actor']).toContain('Fancy Bear');
      expect(h['apt-lens-agency']).toContain('NÚKIB');
      expect((await tab.evaluate(scanMeasures, undefined)).length).toBeGreaterThan(1);
      await tab.close();
    });

    it('reads open shadow roots and same-origin frames', async () => {
      const tab = await browser.openScanned(`${server.origin}/pages/frames.html`);
      const h = await tab.evaluate(readHighlights, undefined);
      expect(h['apt-lens-actor']).toEqual(expect.arrayContaining(['Volt Typhoon', 'Fancy Bear']));
      // Registered is not enough: the name inside the shadow root must show the tint too.
      const rect = await tab.evaluate(rectOfText, ['host', 'Fancy Bear'] as [string, string]);
      const png = await tab.screenshot(rect!);
      const share = await tab.evaluate(shareOfColour, [png, ACTOR_TINT, 12] as [
        string,
        [number, number, number],
        number,
      ]);
      expect(share).toBeGreaterThan(0.25);
      expect(
        await tab.evaluate(() => document.getElementById('host')!.shadowRoot!.innerHTML, undefined),
      ).toBe('<p>Inside a web component, Fancy Bear is named.</p>');
      // The frame's own content script paints it, in the frame's own registry.
      await tab.waitFor(() => {
        const w = (document.getElementById('frame') as HTMLIFrameElement).contentWindow as unknown as {
          CSS: typeof CSS;
        };
        const r = w.CSS.highlights.get('apt-lens-actor');
        return !!r && [...r].some((x) => (x as Range).toString() === 'APT31');
      });
      await tab.close();
    });

    it('leaves fields, editable areas, code and the page’s own highlights and marks alone', async () => {
      const tab = await browser.openScanned(`${server.origin}/pages/untouchable.html`);
      const where = await tab.evaluate(() => {
        const out: string[] = [];
        for (const [n, h] of CSS.highlights) {
          if (!n.startsWith('apt-lens')) continue;
          for (const r of h) out.push((r.startContainer.parentElement as Element).closest('[id]')!.id);
        }
        return out;
      }, undefined);
      expect(where.sort()).toEqual(['marked', 'own', 'prose']);
      const own = await tab.evaluate(() => CSS.highlights.has('page-own'), undefined);
      expect(own).toBe(true);
      const fields = await tab.evaluate(
        () => [
          (document.getElementById('ta') as HTMLTextAreaElement).value,
          (document.getElementById('in') as HTMLInputElement).value,
        ],
        undefined,
      );
      expect(fields).toEqual(['APT31 in a textarea', 'APT31 in an input']);
      await tab.close();
    });

    it('moves through mentions from the keyboard command: scrolls, marks the current one, opens its card', async () => {
      const tab = await browser.openScanned(`${server.origin}/demo/`);
      const ext = await browser.openExtensionPage('popup.html', 'input[type=search]');
      await ext.evaluate(messageEveryTab, { type: 'page:navigate', direction: 1 });
      // The first mention is APT31 in the headline: its card opens.
      await expect.poll(() => tab.shadowText('apt-lens-ui')).toContain('Also known as');
      for (let i = 0; i < 2; i++)
        await ext.evaluate(messageEveryTab, { type: 'page:navigate', direction: 1 });
      // The current mark is private (drawn in the closed shadow root): the page's registry has none.
      expect(await tab.evaluate(() => CSS.highlights.has('apt-lens-current'), undefined)).toBe(false);
      // One box per line the name takes.
      await expect
        .poll(async () => (await tab.shadowRects('apt-lens-ui', '.mark.current')).length)
        .toBeGreaterThan(0);
      const current = await tab.shadowRects('apt-lens-ui', '.mark.current');
      const box = current[0]!;
      const inView = await tab.evaluate(() => innerHeight, undefined);
      expect(box.y >= 0 && box.y + box.height <= inView).toBe(true);
      const name = await tab.evaluate(paintedTextAt, box);
      expect(name).toBeTruthy();
      await ext.evaluate(messageEveryTab, { type: 'page:navigate', direction: -1 });
      // Each mention is scrolled to the middle: compare where the marks are in the document.
      const where = async () => {
        const [m] = await tab.shadowRects('apt-lens-ui', '.mark.current');
        return m ? `${m.x},${m.y + (await tab.evaluate(() => scrollY, undefined))}` : undefined;
      };
      const first = `${box.x},${box.y + (await tab.evaluate(() => scrollY, undefined))}`;
      await expect.poll(where).not.toBe(first);
      await tab.press('Escape');
      await ext.close();
      await tab.close();
    });

    it('turns an actor off on this site from its card', async () => {
      const tab = await browser.openScanned(`${server.origin}/demo/`);
      const ext = await browser.openExtensionPage('popup.html', 'input[type=search]');
      const actors = () =>
        tab.evaluate(
          () => [...(CSS.highlights.get('apt-lens-actor') ?? [])].map((r) => (r as Range).toString()),
          undefined,
        );
      expect(await actors()).toContain('Fancy Bear');
      // The first mention (APT31 in the headline) opens its card.
      await ext.evaluate(messageEveryTab, { type: 'page:navigate', direction: 1 });
      await expect.poll(() => tab.shadowText('apt-lens-ui')).toContain('Not this actor on this site');
      expect(await tab.clickInShadow('apt-lens-ui', 'Not this actor on this site')).toBe(true);
      await expect.poll(actors).not.toContain('APT31');
      const left = await actors();
      expect(left).toContain('Fancy Bear');
      expect(left).not.toContain('Judgment Panda');
      await ext.evaluate(setSettings, { pausedSites: [], style: 'background' });
      await expect.poll(actors).toContain('APT31');
      await ext.close();
      await tab.close();
    });

    it('pauses and resumes on this site, live, and changes the highlight style', async () => {
      const tab = await browser.openScanned(`${server.origin}/demo/`);
      const ext = await browser.openExtensionPage('popup.html', 'input[type=search]');
      const painted = () =>
        tab.evaluate(() => [...CSS.highlights.keys()].filter((k) => k.startsWith('apt-lens')), undefined);
      await ext.evaluate(setSettings, { pausedSites: ['127.0.0.1'], style: 'background' });
      await expect.poll(painted).toEqual([]);
      await ext.evaluate(setSettings, { pausedSites: [], style: 'underline' });
      await expect.poll(painted).toContain('apt-lens-actor-underline');
      await ext.evaluate(setSettings, { pausedSites: [], style: 'background' });
      await expect.poll(painted).toContain('apt-lens-actor');
      await ext.close();
      await tab.close();
    });

    it('paints no everyday word as a group, and shows uncertain names only when asked', async () => {
      const tab = await browser.openScanned(`${server.origin}/pages/trust.html`);
      const ext = await browser.openExtensionPage('popup.html', 'input[type=search]');
      const painted = () => tab.evaluate(readHighlights, undefined);
      const first = await painted();
      expect(first['apt-lens-actor']).toEqual(['APT31']);
      expect(Object.values(first).flat()).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/Play|GOP|Alibaba|Space Pirates|Polaris/)]),
      );
      // A ministry with no country in sight is uncertain: hidden by default, dotted when the reader asks.
      expect(first['apt-lens-uncertain']).toBeUndefined();
      await ext.evaluate(setSettings, { pausedSites: [], style: 'background', showUncertain: true });
      await expect
        .poll(async () => (await painted())['apt-lens-uncertain'])
        .toEqual(['Ministry of Foreign Affairs']);
      await ext.evaluate(setSettings, { pausedSites: [], style: 'background', showUncertain: false });
      await expect.poll(async () => (await painted())['apt-lens-uncertain']).toBeUndefined();
      await ext.close();
      await tab.close();
    });

    it('logged no extension error', () => {
      expect(browser.extensionErrors()).toEqual([]);
    });
  });
}
