import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../../scripts/dev/serve';
import { type ExtensionBrowser, launchBrowser, type Tab } from './driver';
import { messageEveryTab, paintedTextAt, typeInto } from './page-checks';

/** Sends a key to the focused element of the popup. */
function key(name: string): void {
  (document.activeElement ?? document.body).dispatchEvent(
    new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }),
  );
}

/** The popup, opened as an extension page while the demo article is open in another tab, run per browser. */
export function popupSuite(name: 'chromium' | 'firefox'): void {
  let server: TestServer;
  let browser: ExtensionBrowser;
  let page: Tab;
  let popup: Tab;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(name);
    page = await browser.openScanned(`${server.origin}/demo/`);
    const finder = await browser.openExtensionPage('popup.html', 'input[type=search]');
    const tabId = (await finder.evaluate(messageEveryTab, { type: 'page:summary' }))[0]?.tabId;
    expect(tabId).toBeTypeOf('number');
    await finder.close();
    // Opened in a tab of its own, the popup would read itself: name the article's tab instead.
    popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`, 'input[type=search]');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const text = (selector: string) =>
    popup.evaluate((s) => document.querySelector(s)?.textContent ?? '', selector);

  describe(`popup in ${name}`, () => {
    it('has the search box focused on open', async () => {
      await popup.waitFor(() => document.activeElement?.matches('input[type=search]') === true);
    });

    it('says the date of the knowledge base’s newest fact', async () => {
      expect(await text('.kb-version')).toMatch(
        /^Knowledge base \d{4}\.\d{2}\.\d{2}, newest fact \d{4}-\d{2}-\d{2}$/,
      );
    });

    it('finds APT31 by "judgement panda" and opens its card with aliases and sponsor', async () => {
      await popup.evaluate(typeInto, ['input[type=search]', 'judgement panda'] as [string, string]);
      await expect.poll(() => text('.results li')).toContain('APT31');
      expect(await text('.results li')).toContain('Judgment Panda');
      // The ACTOR / AGENCY labels line up in one column, whatever the words before them.
      const kindEdges = await popup.evaluate(
        () =>
          [...document.querySelectorAll('.results .hit-kind')].map((k) =>
            Math.round(k.getBoundingClientRect().right),
          ),
        undefined,
      );
      expect(kindEdges.length).toBeGreaterThan(1);
      expect(new Set(kindEdges).size).toBe(1);
      await popup.evaluate(key, 'Enter');
      await expect.poll(() => text('.detail')).toContain('Also known as');
      // A date never breaks at its hyphens: each is one box on one line.
      const dateBoxes = await popup.evaluate(
        () =>
          [...document.querySelectorAll('.detail .date, .kb-version')].map((d) => d.getClientRects().length),
        undefined,
      );
      expect(dateBoxes.length).toBeGreaterThan(2);
      expect(dateBoxes.every((n) => n === 1)).toBe(true);
      const card = await text('.detail');
      for (const s of [
        'APT31',
        'Judgment Panda',
        'Violet Typhoon',
        'CrowdStrike',
        'Ministry of State Security',
        'Czech Republic (Government, Ministry of Foreign Affairs), 2025-05-28',
        'United States (DoJ, Treasury), 2024-03-25',
        'PwC: Red Keres',
      ])
        expect(card).toContain(s);
      await expect.poll(() => text('.incidents')).toContain('No saved incident');
      await popup.evaluate(key, 'Escape');
      await expect.poll(() => text('.results li')).toContain('APT31');
      await popup.evaluate(key, 'Escape');
      await expect.poll(() => text('.page')).toContain('On this page');
    });

    it('ranks a typo of the whole name first and keeps the highlighted row the one Enter opens', async () => {
      await popup.evaluate(typeInto, ['input[type=search]', 'fancy bare'] as [string, string]);
      await expect.poll(() => text('.results li')).toContain('APT28');
      const rows = () =>
        popup.evaluate(
          () =>
            [...document.querySelectorAll('.results li')].map((li) => ({
              id: li.getAttribute('data-id'),
              selected: li.getAttribute('aria-selected') === 'true',
              text: li.textContent,
            })),
          undefined,
        );
      const first = await rows();
      expect(first[0]).toMatchObject({ id: 'apt28', selected: true });
      expect(first[0]!.text).toContain('Fancy Bear');
      expect(first[0]!.text).toContain('Russia');
      expect(first.findIndex((r) => r.id === 'head-mare')).toBeGreaterThan(0);
      await popup.evaluate(key, 'ArrowDown');
      await expect.poll(async () => (await rows()).findIndex((r) => r.selected)).toBe(1);
      const second = (await rows())[1]!;
      expect(await text('.search [role="status"]')).toContain('Result 2 of');
      await popup.evaluate(key, 'Enter');
      await expect
        .poll(() =>
          popup.evaluate(() => document.querySelector('.detail')?.getAttribute('data-id'), undefined),
        )
        .toBe(second.id);
      await popup.evaluate(key, 'Escape');
      // The second Escape must meet the results view, not the detail it just left (Firefox under load
      // takes over a second to search again).
      await expect.poll(() => text('.results li'), { timeout: 5000 }).toContain('APT28');
      await popup.evaluate(key, 'Escape');
      await expect.poll(() => text('.page'), { timeout: 5000 }).toContain('On this page');
    });

    it('tells the two Ministries of State Security apart by country', async () => {
      await popup.evaluate(typeInto, ['input[type=search]', 'ministry of state security'] as [
        string,
        string,
      ]);
      await expect.poll(() => text('.results li')).toContain('Ministry of State Security');
      const rows = await popup.evaluate(
        () =>
          [...document.querySelectorAll('.results li')]
            .slice(0, 2)
            .map((li) => `${li.getAttribute('data-id')} ${li.querySelector('.hit-country')?.textContent}`),
        undefined,
      );
      // The demo names China's ministry: it comes first.
      expect(rows).toEqual(['cn-mss China', 'kp-mss North Korea']);
      await popup.evaluate(key, 'Escape');
      await expect.poll(() => text('.page')).toContain('On this page');
    });

    it('lists the page’s entities in order of first appearance, with counts', async () => {
      await expect.poll(() => text('.page-list')).toContain('APT31');
      const rows = await popup.evaluate(
        () => [...document.querySelectorAll('.page-entity')].map((b) => b.getAttribute('data-id')),
        undefined,
      );
      expect(rows[0]).toBe('apt31');
      expect(rows).toEqual(expect.arrayContaining(['apt28', 'cn-mss', 'cz-nukib']));
      expect(await text('.page-entity[data-id="apt31"] .page-count')).toMatch(/^[1-9]\d*$/);
      expect(await text('.controls')).toContain(new URL(server.origin).hostname);
    });

    it('scrolls the tab to a mention when one is clicked, marks it current and opens its card', async () => {
      // Make room, and scroll the headline (APT31's first mention) out of view.
      await page.evaluate(() => {
        document.documentElement.style.paddingBottom = '4000px';
        scrollTo(0, document.documentElement.scrollHeight);
      }, undefined);
      const before = await page.evaluate(() => scrollY, undefined);
      expect(before).toBeGreaterThan(0);
      await popup.evaluate(
        () => document.querySelector<HTMLButtonElement>('.page-entity[data-id="apt31"]')!.click(),
        undefined,
      );
      // The current mark is drawn privately, in the closed shadow root.
      await expect.poll(async () => (await page.shadowRects('apt-lens-ui', '.mark.current')).length).toBe(1);
      const [box] = await page.shadowRects('apt-lens-ui', '.mark.current');
      const current = {
        text: await page.evaluate(paintedTextAt, box!),
        inView: box!.y >= 0 && box!.y + box!.height <= (await page.evaluate(() => innerHeight, undefined)),
        y: await page.evaluate(() => scrollY, undefined),
      };
      expect(current.text).toBe('APT31');
      expect(current.inView).toBe(true);
      expect(current.y).toBeLessThan(before);
      await expect.poll(() => page.shadowText('apt-lens-ui')).toContain('Also known as');
    });

    it('logged no extension error', () => {
      expect(browser.extensionErrors()).toEqual([]);
    });
  });
}
