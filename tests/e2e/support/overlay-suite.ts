/**
 * The reader's own KB, end to end, once per browser: an actor with two aliases added in the dashboard's
 * "Your KB" view is painted on a served page through the private marks layer only (the page's
 * CSS.highlights never hold it, nor code or editable text), its card says "ours", and popup search finds it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../../scripts/dev/serve';
import { type ExtensionBrowser, launchBrowser, type Tab } from './driver';
import { click, fill } from './incidents-suite';
import { rectOfText, typeInto } from './page-checks';

/** In the page: the text of every range in every highlight the page can read. */
function publicTexts(): string[] {
  return [...CSS.highlights.values()].flatMap((h) =>
    [...(h as unknown as Iterable<Range>)].map((r) => r.toString()),
  );
}

/** In the content script's closed shadow root: the boxes of the reader's own names. */
function oursBoxes(root: ShadowRoot): { x: number; y: number; width: number; height: number }[] {
  return [...root.querySelectorAll('.mark.ours')].map((e) => {
    const r = e.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  });
}

const appText = () => document.getElementById('app')?.textContent ?? '';

/** The overlay suite for one browser. */
export function overlaySuite(name: 'chromium' | 'firefox'): void {
  let server: TestServer;
  let browser: ExtensionBrowser;
  let page: Tab;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(name);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe(`your own KB in ${name}`, () => {
    it('adds an actor with two aliases in the dashboard', async () => {
      const dash = await browser.openExtensionPage('dashboard.html?tab=your-kb', 'section.overlay');
      await dash.evaluate(click, 'Add actor');
      await dash.waitFor(() => document.querySelector('form.overlay-form') !== null);
      await dash.evaluate(fill, ['Name', 'UNC-ACME-7'] as [string, string]);
      await dash.evaluate(fill, ['Alias 1', 'Rusty Kettle'] as [string, string]);
      await dash.evaluate(click, 'Add alias');
      await dash.waitFor(() => document.querySelector('[aria-label="Alias 2"]') !== null);
      await dash.evaluate(fill, ['Alias 2', 'Copper Teapot'] as [string, string]);
      await dash.evaluate(fill, ['Vendor of alias 2', 'Mandiant'] as [string, string]);
      await dash.evaluate(fill, ['Sponsor agency (id)', 'cn-mss'] as [string, string]);
      await dash.evaluate(click, 'Save');
      await expect
        .poll(() => dash.evaluate(appText, undefined), { timeout: 10_000 })
        .toContain('Saved UNC-ACME-7.');
      // The list is read again after the save.
      await expect
        .poll(() => dash.evaluate(appText, undefined), { timeout: 10_000 })
        .toContain('Rusty Kettle (ours), Copper Teapot (Mandiant)');
      await dash.close();
    });

    it('paints its names on a page through the private layer only, never in CSS.highlights', async () => {
      page = await browser.openScanned(`${server.origin}/pages/overlay.html`);
      // Boxes for UNC-ACME-7, Rusty Kettle and Copper Teapot (a name broken over two lines has two).
      await expect
        .poll(async () => (await page.shadowEval('apt-lens-ui', oursBoxes, undefined))?.length ?? 0, {
          timeout: 10_000,
        })
        .toBeGreaterThanOrEqual(3);
      // None on the <pre> or the <textarea>: code and editable text are never read.
      const boxes = (await page.shadowEval('apt-lens-ui', oursBoxes, undefined))!;
      const skipped = await page.evaluate(
        () =>
          ['code', 'editable'].map((id) => {
            const r = document.getElementById(id)!.getBoundingClientRect();
            return { top: r.top, bottom: r.bottom };
          }),
        undefined,
      );
      for (const b of boxes)
        for (const s of skipped) expect(b.y + b.height <= s.top || b.y >= s.bottom).toBe(true);
      // Control: the page does see the bundled name it shares with everyone.
      const shared = await page.evaluate(publicTexts, undefined);
      expect(shared).toContain('APT31');
      for (const own of ['UNC-ACME-7', 'Rusty Kettle', 'Copper Teapot']) expect(shared).not.toContain(own);
      expect(await page.evaluate(() => [...CSS.highlights.keys()], undefined)).not.toContain(
        expect.stringMatching(/ours/),
      );
      // The boxes sit on the names in the article.
      const box = boxes[0]!;
      const lede = (await page.evaluate(rectOfText, ['lede', 'UNC-ACME-7'] as [string, string]))!;
      expect(Math.abs(box.x - lede.x)).toBeLessThan(2);
      expect(Math.abs(box.y - lede.y)).toBeLessThan(2);
    });

    it('opens a card for it that says "ours"', async () => {
      const r = (await page.evaluate(rectOfText, ['aliases', 'Rusty Kettle'] as [string, string]))!;
      await page.mouseMove(r.x + r.width / 2, r.y + r.height / 2);
      await expect.poll(() => page.shadowText('apt-lens-ui'), { timeout: 10_000 }).toContain('In your KB');
      const card = await page.shadowText('apt-lens-ui');
      for (const s of [
        'UNC-ACME-7',
        'ours',
        'Written here as “Rusty Kettle”',
        'Copper Teapot (Mandiant)',
        'Ministry of State Security',
      ])
        expect(card).toContain(s);
      await page.press('Escape');
    });

    it('is found by popup search', async () => {
      const popup = await browser.openExtensionPage('popup.html', 'input[type=search]');
      await popup.evaluate(typeInto, ['input[type=search]', 'copper teapot'] as [string, string]);
      const first = () =>
        popup.evaluate(() => document.querySelector('.results li')?.textContent ?? '', undefined);
      await expect.poll(first, { timeout: 10_000 }).toContain('UNC-ACME-7');
      expect(await first()).toContain('ours');
      await popup.close();
    });

    it('travels in the JSON export of the user’s data', async () => {
      const dash = await browser.openExtensionPage('dashboard.html', 'button');
      await dash.waitFor(() =>
        [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Export JSON'),
      );
      // Clicked at once, with no wait: the background assembles the file, so the KB is in it however early.
      const text = await dash.evaluate(async () => {
        const create = URL.createObjectURL;
        const anchorClick = HTMLAnchorElement.prototype.click;
        const downloaded = new Promise<Blob>((resolve) => {
          URL.createObjectURL = (b: Blob | MediaSource) => {
            resolve(b as Blob);
            return create.call(URL, b);
          };
        });
        HTMLAnchorElement.prototype.click = () => {};
        try {
          [...document.querySelectorAll('button')]
            .find((x) => x.textContent?.trim() === 'Export JSON')!
            .click();
          return await (await downloaded).text();
        } finally {
          URL.createObjectURL = create;
          HTMLAnchorElement.prototype.click = anchorClick;
        }
      }, undefined);
      expect(JSON.parse(text).overlay.entities).toEqual([
        expect.objectContaining({ id: 'ours-unc-acme-7', name: 'UNC-ACME-7', sponsor: 'cn-mss' }),
      ]);
      await dash.close();
    });

    it('logged no extension error', () => {
      expect(browser.extensionErrors()).toEqual([]);
    });
  });
}
