import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../../scripts/dev/serve';
import { ACTOR_TINT, AGENCY_TINT, DEMO_EXPECTED } from './demo';
import { type ExtensionBrowser, launchBrowser, type Tab } from './driver';
import {
  bodyMatchesSource,
  readHighlights,
  rectOfText,
  scanMeasures,
  shareOfColour,
  typeInto,
} from './page-checks';

/** The demo-page suite, run once per browser: painting, card, page integrity, popup and dashboard. */
export function demoSuite(name: 'chromium' | 'firefox'): void {
  let server: TestServer;
  let browser: ExtensionBrowser;
  let tab: Tab;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(name);
    tab = await browser.openScanned(`${server.origin}/demo/`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function tintShare(id: string, text: string, tint: [number, number, number]): Promise<number> {
    // A screenshot is of the window: the paragraph is brought into it, and the page back to its top after.
    await tab.evaluate((el) => document.getElementById(el)?.scrollIntoView({ block: 'center' }), id);
    const rect = await tab.evaluate(rectOfText, [id, text] as [string, string]);
    expect(rect, `${text} is on the page`).not.toBeNull();
    const png = await tab.screenshot(rect!);
    await tab.evaluate(() => scrollTo(0, 0), undefined);
    return tab.evaluate(shareOfColour, [png, tint, 12] as [string, [number, number, number], number]);
  }

  describe(`demo page in ${name}`, () => {
    it('registers every expected name under apt-lens highlights, and no trap word', async () => {
      const h = await tab.evaluate(readHighlights, undefined);
      for (const n of DEMO_EXPECTED.actor) expect(h['apt-lens-actor']).toContain(n);
      for (const n of DEMO_EXPECTED.agency) expect(h['apt-lens-agency']).toContain(n);
      const all = Object.values(h)
        .flat()
        .map((t) => t.toLowerCase());
      for (const word of DEMO_EXPECTED.never) expect(all).not.toContain(word);
      expect(await tab.evaluate(scanMeasures, undefined)).toHaveLength(1);
    });

    it('paints the names: their pixels carry the highlight tint', async () => {
      expect(await tintShare('lede', 'APT31', ACTOR_TINT)).toBeGreaterThan(0.25);
      expect(await tintShare('nukib', 'NÚKIB', AGENCY_TINT)).toBeGreaterThan(0.25);
      expect(await tintShare('traps', 'nickel', ACTOR_TINT)).toBe(0);
    });

    it('shows the card on hover with the actor, its aliases and its sponsor, and closes it on Escape', async () => {
      await tab.evaluate(
        () => document.getElementById('aliases')!.scrollIntoView({ block: 'center' }),
        undefined,
      );
      const rect = (await tab.evaluate(rectOfText, ['aliases', 'Judgment Panda'] as [string, string]))!;
      await tab.mouseMove(rect.x + rect.width / 2, rect.y + rect.height / 2);
      await expect.poll(() => tab.shadowText('apt-lens-ui'), { timeout: 5000 }).toContain('Violet Typhoon');
      const text = await tab.shadowText('apt-lens-ui');
      expect(text).toContain('APT31');
      expect(text).toContain('CrowdStrike');
      expect(text).toContain('Ministry of State Security');
      // Each government's attribution with its own date, newest first.
      expect(text).toMatch(
        /Czech Republic.*2025-05-28.*European Union.*2025-05-28.*United Kingdom.*2024-03-25.*United States.*2024-03-25/s,
      );
      expect(text).not.toContain('WebFans');
      await tab.press('Escape');
      await expect.poll(() => tab.shadowText('apt-lens-ui')).not.toContain('Violet Typhoon');
      await tab.evaluate(() => scrollTo(0, 0), undefined);
    });

    it('resolves a name the text qualifies (China’s MSS, no other candidate), and says what else the page calls the actor', async () => {
      const mss = (await tab.evaluate(rectOfText, ['lede', 'Ministry of State Security'] as [
        string,
        string,
      ]))!;
      await tab.mouseMove(mss.x + 20, mss.y + mss.height / 2);
      await expect.poll(() => tab.shadowText('apt-lens-ui'), { timeout: 5000 }).toContain('China');
      expect(await tab.shadowText('apt-lens-ui')).not.toContain('could also mean');
      await tab.press('Escape');
      const apt31 = (await tab.evaluate(rectOfText, ['lede', 'APT31'] as [string, string]))!;
      await tab.mouseMove(apt31.x + apt31.width / 2, apt31.y + apt31.height / 2);
      await expect.poll(() => tab.shadowText('apt-lens-ui'), { timeout: 5000 }).toContain('on this page');
      expect(await tab.shadowText('apt-lens-ui')).toMatch(/Also called .*Judgment Panda.* on this page/);
      await tab.press('Escape');
    });

    it('leaves the body byte-identical to the source, with the UI host outside <body>', async () => {
      expect((await tab.evaluate(bodyMatchesSource, undefined)).same).toBe(true);
      expect(await tab.evaluate(() => document.querySelector('html > apt-lens-ui') !== null, undefined)).toBe(
        true,
      );
    });

    it('renders the popup search and the dashboard', async () => {
      const popup = await browser.openExtensionPage('popup.html', 'input[type=search]');
      await popup.evaluate(typeInto, ['input[aria-label="Search actors and agencies"]', 'judgment'] as [
        string,
        string,
      ]);
      await expect
        .poll(() => popup.evaluate(() => document.querySelector('.results li')?.textContent ?? '', undefined))
        .toContain('APT31');
      const dash = await browser.openExtensionPage('dashboard.html', '#app p');
      await expect
        .poll(() => dash.evaluate(() => document.getElementById('app')?.textContent ?? '', undefined))
        .toContain('No incidents yet');
      await popup.close();
      await dash.close();
    });

    it('logged no extension error', () => {
      expect(browser.extensionErrors()).toEqual([]);
    });
  });
}
