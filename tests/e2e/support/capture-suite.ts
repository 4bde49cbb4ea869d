/**
 * Capturing the demo story's lede, run once per browser: the form's *Attributed by* holds the claimant (the
 * Czech government), never the accused (China's ministry), shown as a country chip, and the attribution
 * sentence under it wraps only at spaces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../../scripts/dev/serve';
import { type ExtensionBrowser, launchBrowser, type Tab } from './driver';
import { messageEveryTab } from './page-checks';

/** In the page: selects the text of element `id`. */
function selectElement(id: string): string {
  const range = document.createRange();
  range.selectNodeContents(document.getElementById(id)!);
  const sel = getSelection()!;
  sel.removeAllRanges();
  sel.addRange(range);
  return sel.toString();
}

/** In the form's frame: the claimant field, its chip, and where the sentence's lines break. */
function formState() {
  const root = document;
  const claimant = root.querySelector<HTMLInputElement>('#apt-lens-claimant');
  if (!claimant) return null;
  const meta = root.querySelector('.capture .meta');
  // Every place a line ends inside the sentence: the characters on either side of the break.
  const breaks: string[] = [];
  const text = meta?.firstChild;
  if (text && text.nodeType === 3) {
    const data = (text as Text).data;
    const range = document.createRange();
    let lastTop: number | undefined;
    for (let i = 0; i < data.length; i++) {
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect || data[i] === ' ') continue;
      if (lastTop !== undefined && rect.top > lastTop + 2) breaks.push(data.slice(Math.max(0, i - 1), i + 1));
      lastTop = rect.top;
    }
  }
  return {
    claimant: claimant.value,
    chip: root.querySelector('.claimant-is')?.textContent ?? '',
    lines: breaks.length + 1,
    breaks,
  };
}

/** The capture suite for one browser. */
export function captureSuite(name: 'chromium' | 'firefox'): void {
  let server: TestServer;
  let browser: ExtensionBrowser;
  let page: Tab;
  let popup: Tab;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(name);
    page = await browser.openScanned(`${server.origin}/demo/`);
    popup = await browser.openExtensionPage('popup.html', 'input[type=search]');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe(`capture on the demo in ${name}`, () => {
    it('prefills the claimant (the Czech government) as a country chip, and wraps the sentence at spaces', async () => {
      expect(await page.evaluate(selectElement, 'lede')).toContain('publicly blamed APT31');
      const answered = await popup.evaluate(messageEveryTab, { type: 'capture:open' });
      expect(answered.filter((a) => a.answer === true)).toHaveLength(1);
      await expect
        .poll(async () => (await page.frameEval('capture.html', formState, undefined)) ?? null, {
          timeout: 5000,
        })
        .not.toBeNull();
      // Measured in the tab the reader looks at, once the frame's own style sheet has applied.
      await page.front();
      await expect
        .poll(() => page.frameEval('capture.html', () => document.readyState, undefined))
        .toBe('complete');
      const form = (await page.frameEval('capture.html', formState, undefined))!;
      expect(form.claimant).toBe('Czech government');
      expect(form.chip).toBe('Country: Czechia');
      expect(form.lines).toBeGreaterThan(1);
      // A break after a space leaves a letter on each side only when a word was cut in two.
      expect(form.breaks.filter((b) => /^\p{L}\p{L}$/u.test(b))).toEqual([]);
      await page.press('Escape');
    });

    it('logged no extension error', () => {
      expect(browser.extensionErrors()).toEqual([]);
    });
  });
}
