/**
 * The hostile page, once per browser: a page that tries each attack on APT Lens that a page's script can
 * try, and a test per attack that it fails, each beside a control proving the attack was really set up
 * (the spy hears what it should hear, the forged event does reach its target, the registry is readable).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../../scripts/dev/serve';
import { type ExtensionBrowser, launchBrowser, type Tab } from './driver';
import { rectOfText } from './page-checks';

interface Heard {
  messages: string[];
}

const painted = () => [...(CSS.highlights.get('apt-lens-actor') ?? [])].map((r) => (r as Range).toString());

/** The hostile-page suite for one browser. */
export function hostileSuite(name: 'chromium' | 'firefox'): void {
  let server: TestServer;
  let browser: ExtensionBrowser;
  let tab: Tab;
  let extensionId: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(name);
    const ext = await browser.openExtensionPage('popup.html', 'input[type=search]');
    // The id the started event's name is built from (what WXT's context used to post to every window).
    extensionId = await ext.evaluate(
      () => (globalThis as unknown as { chrome: { runtime: { id: string } } }).chrome.runtime.id,
      undefined,
    );
    await ext.close();
    tab = await browser.openScanned(`${server.origin}/pages/hostile.html`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe(`a hostile page in ${name}`, () => {
    it('hears no message from APT Lens, so never its id (control: it hears its own)', async () => {
      await tab.evaluate(() => postMessage({ own: 'control' }, '*'), undefined);
      await tab.waitFor(() =>
        (window as unknown as { __heard: Heard }).__heard.messages.some((m) => m.includes('control')),
      );
      const messages = await tab.evaluate(
        () => (window as unknown as { __heard: Heard }).__heard.messages,
        undefined,
      );
      expect(messages.filter((m) => !m.includes('control'))).toEqual([]);
      expect(messages.join(' ')).not.toContain(extensionId);
    });

    it('cannot stop the content script with a forged "started" event (control: the event is dispatched)', async () => {
      const reached = await tab.evaluate((id: string) => {
        const type = `${id}:content:wxt:content-script-started`;
        let count = 0;
        document.addEventListener(type, () => count++);
        for (const messageId of ['forged', 'another']) {
          document.dispatchEvent(
            new CustomEvent(type, { detail: { contentScriptName: 'content', messageId } }),
          );
        }
        return count;
      }, extensionId);
      expect(reached).toBe(2);
      // Still alive: highlights stay, and a name added now is painted.
      expect(await tab.evaluate(painted, undefined)).toContain('APT31');
      await tab.evaluate(() => {
        const p = document.createElement('p');
        p.textContent = 'A second report named APT28 as well.';
        document.body.append(p);
      }, undefined);
      await tab.waitFor(() =>
        [...(CSS.highlights.get('apt-lens-actor') ?? [])].some((r) => (r as Range).toString() === 'APT28'),
      );
    });

    it('cannot make the script rescan in a loop with forged navigation events', async () => {
      const before = await tab.evaluate(
        () => performance.getEntriesByName('apt-lens:scan').length,
        undefined,
      );
      await tab.evaluate((id: string) => {
        for (let i = 0; i < 50; i++) {
          dispatchEvent(new Event(`${id}:content:wxt:locationchange`));
          (globalThis as { navigation?: EventTarget }).navigation?.dispatchEvent(
            new Event('navigatesuccess'),
          );
        }
      }, extensionId);
      // A real change does rescan (control), and the fifty forged ones added none.
      await tab.evaluate(() => history.pushState(null, '', '#moved'), undefined);
      const scans = () => tab.evaluate(() => performance.getEntriesByName('apt-lens:scan').length, undefined);
      await expect.poll(scans, { timeout: 15_000 }).toBeGreaterThan(before);
      expect(await scans()).toBeLessThanOrEqual(before + 1);
    });

    it('reads no private mark from CSS.highlights (control: it reads the names it shares)', async () => {
      const names = await tab.evaluate(() => [...CSS.highlights.keys()], undefined);
      expect(names).toContain('apt-lens-actor');
      expect(names.filter((n) => /incident|current/.test(n))).toEqual([]);
    });

    it('cannot open a card with a forged mousemove (control: the real pointer opens it)', async () => {
      const r = (await tab.evaluate(rectOfText, ['headline', 'APT31'] as [string, string]))!;
      const at = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      const hit = await tab.evaluate(({ x, y }) => {
        const target = document.elementFromPoint(x, y);
        for (let i = 0; i < 20; i++)
          target?.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true }));
        return target?.id;
      }, at);
      expect(hit).toBe('headline');
      // A negative has no event to wait for: give the forged moves longer than the hover dwell takes.
      await tab.evaluate(() => new Promise((ok) => setTimeout(ok, 1200)), undefined);
      expect(await tab.shadowText('apt-lens-ui')).not.toContain('Also known as');
      await tab.mouseMove(at.x, at.y);
      await expect.poll(() => tab.shadowText('apt-lens-ui'), { timeout: 5000 }).toContain('Also known as');
      await tab.press('Escape');
    });

    it('logged no extension error', () => {
      expect(browser.extensionErrors()).toEqual([]);
    });
  });
}
