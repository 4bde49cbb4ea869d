/**
 * The hover card as a reader meets it, run once per browser on a long local page: the card is one box
 * inside the window with its buttons in a footer inside it (tall cards included, near the top or the bottom
 * of the window, folded or unfolded), agency cards name agencies, and no card opens during a drag.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../../scripts/dev/serve';
import { type ExtensionBrowser, launchBrowser, type Tab } from './driver';
import { rectOfText } from './page-checks';

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** In the card's shadow root: the card's box and its action buttons' boxes (with their labels). */
function cardBoxes(root: ShadowRoot): { card: Box; buttons: { label: string; box: Box }[] } | null {
  const card = root.querySelector('.popover');
  if (!card) return null;
  const box = (el: Element) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  };
  return {
    card: box(card),
    buttons: [...card.querySelectorAll('.actions button')].map((b) => ({
      label: b.textContent ?? '',
      box: box(b),
    })),
  };
}

/** In the card's shadow root: unfolds (or folds) the alias list; false when there is no such button. */
function toggleMore(root: ShadowRoot): boolean {
  const b = root.querySelector<HTMLButtonElement>('button.more');
  b?.click();
  return !!b;
}

const inside = (a: Box, b: Box) =>
  a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;

/** In the page: the boxes of each line of `text` inside element `id`. */
function lineBoxes([id, text]: [string, string]): Box[] {
  const el = document.getElementById(id)!;
  const node = [...el.childNodes].find((n) => n.textContent?.includes(text))!;
  const at = node.textContent!.indexOf(text);
  const range = document.createRange();
  range.setStart(node, at);
  range.setEnd(node, at + text.length);
  return [...range.getClientRects()].map((r) => ({
    left: r.left,
    top: r.top,
    right: r.right,
    bottom: r.bottom,
  }));
}

/** In the card's shadow root: the tops of the alias heading and of the first attribution. */
function sectionTops(root: ShadowRoot): { aliases: number; attribution: number } | null {
  const heading = [...root.querySelectorAll('.popover h3')].find((h) => h.textContent === 'Also known as');
  const attribution = root.querySelector('.popover [data-field="attribution"]');
  if (!heading || !attribution) return null;
  return {
    aliases: heading.getBoundingClientRect().top,
    attribution: attribution.getBoundingClientRect().top,
  };
}

const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The card suite for one browser. */
export function cardSuite(name: 'chromium' | 'firefox'): void {
  let server: TestServer;
  let browser: ExtensionBrowser;
  let tab: Tab;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(name);
    tab = await browser.openScanned(`${server.origin}/pages/card.html`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const cardText = () => tab.shadowText('apt-lens-ui');

  /** Scrolls element `id` to `where` in the window, hovers `text` in it and waits for its card. */
  async function hover(id: string, text: string, where: 'top' | 'bottom'): Promise<void> {
    await closeCard();
    await tab.evaluate(
      ([el, at]) => {
        const r = document.getElementById(el)!.getBoundingClientRect();
        scrollBy(0, at === 'top' ? r.top - 10 : r.bottom - innerHeight + 10);
      },
      [id, where] as [string, string],
    );
    const r = (await tab.evaluate(rectOfText, [id, text] as [string, string]))!;
    await tab.mouseMove(r.x + r.width / 2, r.y + r.height / 2);
    await expect.poll(cardText, { timeout: 5000 }).toContain('Save incident');
  }

  /** The card and every button in it lie inside the window, and every button inside the card. */
  async function expectContained(): Promise<string[]> {
    const view = await tab.evaluate(
      () => ({ left: 0, top: 0, right: innerWidth, bottom: innerHeight }),
      undefined,
    );
    const boxes = (await tab.shadowEval('apt-lens-ui', cardBoxes, undefined))!;
    expect(boxes).not.toBeNull();
    expect(inside(boxes.card, view), `card ${JSON.stringify(boxes.card)} in ${JSON.stringify(view)}`).toBe(
      true,
    );
    for (const b of boxes.buttons) {
      expect(inside(b.box, boxes.card), `${b.label} inside the card`).toBe(true);
      expect(inside(b.box, view), `${b.label} inside the window`).toBe(true);
    }
    return boxes.buttons.map((b) => b.label);
  }

  async function closeCard(): Promise<void> {
    await tab.press('Escape');
    await expect.poll(cardText).not.toContain('Save incident');
  }

  describe(`card in ${name}`, () => {
    it.each([
      ['Lazarus Group', 'top'],
      ['Lazarus Group', 'bottom'],
      ['APT31', 'top'],
      ['APT31', 'bottom'],
    ] as const)('keeps %s’s card and its buttons inside the window (name at the %s)', async (text, where) => {
      await hover(where === 'top' ? 'top' : 'bottom', text, where);
      const labels = await expectContained();
      expect(labels).toEqual(expect.arrayContaining(['Save incident', 'Not this actor on this site']));
      await closeCard();
    });

    it('folds Lazarus Group’s long alias list, and unfolding it keeps the buttons in view', async () => {
      await hover('bottom', 'Lazarus Group', 'bottom');
      expect(await cardText()).toMatch(/\+\d+ more/);
      expect(await tab.shadowEval('apt-lens-ui', toggleMore, undefined)).toBe(true);
      await expect.poll(cardText).toContain('Show fewer');
      await expectContained();
      await closeCard();
    });

    it('says “Not this agency on this site” on an agency’s card', async () => {
      await hover('agency', 'NÚKIB', 'top');
      const labels = await expectContained();
      expect(labels).toContain('Not this agency on this site');
      expect(labels).not.toContain('Not this actor on this site');
      await closeCard();
    });

    it('lists the aliases with their vendors before the attributions', async () => {
      await hover('top', 'APT31', 'top');
      const tops = (await tab.shadowEval('apt-lens-ui', sectionTops, undefined))!;
      expect(tops).not.toBeNull();
      expect(tops.aliases).toBeLessThan(tops.attribution);
      await closeCard();
    });

    it('opens no card while a drag selects across a name, and the selection stays where it was made', async () => {
      await tab.evaluate(() => scrollTo(0, 0), undefined);
      const start = (await tab.evaluate(rectOfText, ['drag', 'Before'] as [string, string]))!;
      const name = (await tab.evaluate(rectOfText, ['drag', 'APT31'] as [string, string]))!;
      const end = (await tab.evaluate(rectOfText, ['drag', 'sentence'] as [string, string]))!;
      await tab.mouseMove(start.x + 1, start.y + start.height / 2);
      await tab.mouseDown();
      await tab.mouseMove(name.x + name.width / 2, name.y + name.height / 2);
      // The gesture itself: a reader holding the button on the name for a second, three times the hover
      // delay (the time is what is being tested, not a wait for a result).
      await tab.evaluate(() => new Promise((ok) => setTimeout(ok, 1000)), undefined);
      expect(await cardText()).not.toContain('Save incident');
      await tab.mouseMove(end.x + end.width, end.y + end.height / 2);
      await tab.mouseUp();
      const selected = await tab.evaluate(() => getSelection()?.toString() ?? '', undefined);
      expect(selected).toContain('APT31 appears');
      expect(selected).not.toContain('footer');
      expect(await cardText()).not.toContain('Save incident');
      // A plain hover afterwards still opens a card.
      const other = (await tab.evaluate(rectOfText, ['top', 'APT31'] as [string, string]))!;
      await tab.mouseMove(other.x + other.width / 2, other.y + other.height / 2);
      await expect.poll(cardText, { timeout: 5000 }).toContain('Save incident');
      await closeCard();
    });

    it.each(['middle', 'bottom'] as const)(
      'covers neither line of a name that wraps, in a 420 px window (name near the %s)',
      async (where) => {
        const [width, height] = await tab.evaluate(() => [innerWidth, innerHeight], undefined);
        await tab.setViewport(420, 700);
        try {
          await closeCard();
          await tab.evaluate((at: string) => {
            const r = document.getElementById('wrap')!.getBoundingClientRect();
            scrollBy(0, r.top - (at === 'middle' ? 250 : innerHeight - r.height - 10));
          }, where);
          const lines = await tab.evaluate(lineBoxes, ['wrap', 'Violet Typhoon'] as [string, string]);
          expect(lines.length).toBe(2);
          const first = lines[0]!;
          await tab.mouseMove((first.left + first.right) / 2, (first.top + first.bottom) / 2);
          await expect.poll(cardText, { timeout: 5000 }).toContain('Save incident');
          const { card } = (await tab.shadowEval('apt-lens-ui', cardBoxes, undefined))!;
          for (const line of lines) expect(overlaps(card, line), JSON.stringify({ card, line })).toBe(false);
          await closeCard();
        } finally {
          await tab.setViewport(width!, height!);
        }
      },
    );

    it('logged no extension error', () => {
      expect(browser.extensionErrors()).toEqual([]);
    });
  });
}
