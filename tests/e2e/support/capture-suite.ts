/**
 * Capturing passages of the demo story, run once per browser: for each passage a reader would select, the
 * form's *Attributed by* holds the claimant (never the accused) with a chip per claimant, the other claims
 * of the passage are listed apart, the date is the article's; the form's buttons stay in a 1280×720
 * window; the card's "Save incident" opens the form on the name's sentence and closes the card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../../scripts/dev/serve';
import { type ExtensionBrowser, launchBrowser, type Tab } from './driver';
import { messageEveryTab, rectOfText } from './page-checks';

/** In the page: selects the text of element `id`, from the first `from` in it when given. */
function selectElement([id, from]: [string, string]): string {
  const el = document.getElementById(id)!;
  const range = document.createRange();
  range.selectNodeContents(el);
  if (from) {
    const text = el.firstChild as Text;
    range.setStart(text, text.data.indexOf(from));
  }
  const sel = getSelection()!;
  sel.removeAllRanges();
  sel.addRange(range);
  return sel.toString();
}

/** In the form's frame: what the form proposes, and where the attribution sentence's lines break. */
function formState() {
  const root = document;
  const claimant = root.querySelector<HTMLInputElement>('#apt-lens-claimant');
  if (!claimant) return null;
  const meta = [...root.querySelectorAll('.capture .meta')].find((m) => m.textContent?.startsWith('“'));
  // Every place a line ends inside the sentence: the characters on either side of the break.
  const breaks: string[] = [];
  // The sentence's own text node (the quote marks around it are nodes of their own).
  const text = [...(meta?.childNodes ?? [])]
    .filter((n): n is Text => n.nodeType === 3)
    .sort((a, b) => b.data.length - a.data.length)[0];
  if (text) {
    const data = text.data;
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
  const box = (el: Element | null) => {
    const r = el?.getBoundingClientRect();
    return r ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right } : null;
  };
  return {
    claimant: claimant.value,
    chip: root.querySelector('.claimant-is')?.textContent ?? '',
    chips: [...root.querySelectorAll('.claimant-is .chip')].map((c) => c.textContent ?? ''),
    confidence: root.querySelector<HTMLInputElement>('#apt-lens-confidence')?.value ?? '',
    others: [...root.querySelectorAll('.claims li')].map((li) => (li.textContent ?? '').trim()),
    date: root.querySelector<HTMLInputElement>('#apt-lens-date')?.value ?? '',
    passage: root.querySelector('.capture blockquote')?.textContent ?? '',
    save: box(root.querySelector('.capture button[type=submit]')),
    cancel: box(root.querySelector('.capture .buttons button[type=button]')),
    /** The frame's own viewport: the buttons must be inside it (the frame itself is fitted to the window). */
    frame: { width: innerWidth, height: innerHeight },
    /** The fields are taller than the form's room: they scroll, the buttons do not. */
    fieldsScroll: (() => {
      const body = root.querySelector('.capture-body');
      return !!body && body.scrollHeight > body.clientHeight + 1;
    })(),
    lines: breaks.length + 1,
    breaks,
  };
}

/** In the page's shadow root: whether the hover card is open. */
const cardOpen = (root: ShadowRoot) => root.querySelector('.popover') !== null;

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

  /** Opens the form on the selection of element `id` (from `from`) and waits for it. */
  async function capture(id: string, from = '') {
    await page.evaluate(selectElement, [id, from] as [string, string]);
    const answered = await popup.evaluate(messageEveryTab, { type: 'capture:open' });
    expect(answered.filter((a) => a.answer === true)).toHaveLength(1);
    return await formOpened();
  }

  /** Waits for the form's frame to be loaded and styled, in the tab the reader looks at; its state. */
  async function formOpened() {
    await expect
      .poll(async () => (await page.frameEval('capture.html', formState, undefined)) ?? null, {
        timeout: 5000,
      })
      .not.toBeNull();
    await page.front();
    await expect
      .poll(() => page.frameEval('capture.html', () => document.readyState, undefined))
      .toBe('complete');
    return (await page.frameEval('capture.html', formState, undefined))!;
  }

  /** Where the form's frame is in the page's window. */
  async function frameBox() {
    const [box] = await page.shadowRects('apt-lens-ui', 'iframe.apt-lens-capture');
    return box!;
  }

  async function closeForm() {
    // A real click on Cancel inside the frame (Escape needs the form focused, which a test racing the
    // form's first paint cannot count on).
    const form = (await page.frameEval('capture.html', formState, undefined))!;
    const box = await frameBox();
    const c = form.cancel!;
    await page.click(box.x + (c.left + c.right) / 2, box.y + (c.top + c.bottom) / 2);
    await expect
      .poll(async () => (await page.shadowRects('apt-lens-ui', 'iframe.apt-lens-capture')).length)
      .toBe(0);
  }

  describe(`capture on the demo in ${name}`, () => {
    it('prefills the claimant (the Czech government) as a country chip, dates it by the article, and wraps the sentence at spaces', async () => {
      const form = await capture('lede');
      expect(form.claimant).toBe('Czech government');
      expect(form.chip).toBe('Country: Czechia');
      expect(form.date).toBe('2025-05-28');
      expect(form.lines).toBeGreaterThan(1);
      // A break after a space leaves a letter on each side only when a word was cut in two.
      expect(form.breaks.filter((b) => /^\p{L}\p{L}$/u.test(b))).toEqual([]);
      await closeForm();
    });

    it('proposes Prague’s agencies for the paragraph that blames APT31, and lists the Western governments’ older claim apart', async () => {
      const form = await capture('assessment');
      expect(form.claimant).toBe("Prague's intelligence agencies and its cybersecurity agency");
      expect(form.chips).toEqual(['Country: Czechia']);
      expect(form.confidence).toBe('a high degree of certainty');
      expect(form.others).toEqual(['sponsor link Western governments: APT31 → Ministry of State Security']);
      await closeForm();
    });

    it('reads a selection that starts mid-sentence with the words before it', async () => {
      const form = await capture('assessment', 'the cyber-espionage activity');
      expect(form.claimant).toBe("Prague's intelligence agencies and its cybersecurity agency");
      expect(form.others).toEqual(['sponsor link Western governments: APT31 → Ministry of State Security']);
      await closeForm();
    });

    it('proposes the agency of a director who “said”, British authorities, and both sanctioning states', async () => {
      const nukib = await capture('nukib');
      expect(nukib.claimant).toBe("NÚKIB's director");
      expect(nukib.chips).toEqual([expect.stringMatching(/^Agency: .*\(Czechia\)$/)]);
      await closeForm();
      const uk = await capture('uk');
      expect(uk.claimant).toBe('British authorities');
      expect(uk.chips).toEqual(['Country: United Kingdom']);
      await closeForm();
      const sanctions = await capture('sanctions');
      expect(sanctions.claimant).toBe('United States and United Kingdom');
      expect(sanctions.chips).toEqual(['Country: United States', 'Country: United Kingdom']);
      await closeForm();
    });

    it('keeps Save and Cancel in view in a 1280×720 window', async () => {
      await page.setViewport(1280, 720);
      try {
        const form = await capture('assessment');
        const box = await frameBox();
        expect(box.y + box.height).toBeLessThanOrEqual(720);
        expect(box.x + box.width).toBeLessThanOrEqual(1280);
        expect(form.fieldsScroll).toBe(true);
        for (const b of [form.save!, form.cancel!]) {
          expect(b.top).toBeGreaterThanOrEqual(0);
          expect(b.bottom).toBeLessThanOrEqual(form.frame.height);
          expect(b.right).toBeLessThanOrEqual(form.frame.width);
          expect(box.y + b.bottom).toBeLessThanOrEqual(720);
        }
        await closeForm();
      } finally {
        await page.setViewport(1100, 900);
      }
    });

    it('opens the form from the card on the sentence the name stands in, and closes the card', async () => {
      await page.evaluate(() => getSelection()?.removeAllRanges(), undefined);
      await page.evaluate(
        () => document.getElementById('uk')!.scrollIntoView({ block: 'center' }),
        undefined,
      );
      const r = (await page.evaluate(rectOfText, ['uk', 'APT31'] as [string, string]))!;
      await page.mouseMove(r.x + r.width / 2, r.y + r.height / 2);
      await expect.poll(() => page.shadowText('apt-lens-ui'), { timeout: 5000 }).toContain('Save incident');
      expect(await page.clickInShadow('apt-lens-ui', 'Save incident')).toBe(true);
      const form = await formOpened();
      expect(form.passage).toBe(
        'According to British authorities, APT31 also targeted the email accounts of British parliamentarians in 2021.',
      );
      expect(form.claimant).toBe('British authorities');
      expect(await page.shadowEval('apt-lens-ui', cardOpen, undefined)).toBe(false);
      await closeForm();
    });

    it('logged no extension error', () => {
      expect(browser.extensionErrors()).toEqual([]);
    });
  });
}
