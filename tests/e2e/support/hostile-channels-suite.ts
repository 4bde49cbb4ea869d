/**
 * The hostile page's other channels, once per browser: what a page could learn from its own Performance
 * timeline, what leaves the reader's addresses in what APT Lens stores, what an extension page can reach,
 * and where the private settings live. Each attack beside a control proving the probe sees what it looks
 * for (the page's own mark, the timing build's marks, the token really in the address, a web page's fetch).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../../scripts/dev/serve';
import { type ExtensionBrowser, launchBrowser, type Tab } from './driver';
import { messageEveryTab, sendToBackground } from './page-checks';

/** The shipped builds: no performance marks in the content script. */
const SHIPPED = { chromium: '.output/chrome-mv3', firefox: '.output/firefox-mv2' } as const;

/** Before any page script: a buffered observer of every mark and measure the page's timeline gets. */
function recordTimeline(): void {
  const names: string[] = [];
  (window as unknown as { __timeline: string[] }).__timeline = names;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) names.push(e.name);
  }).observe({ entryTypes: ['mark', 'measure'] });
}

/** In the page: every mark and measure name its timeline holds or its observer heard. */
function timelineNames(): string[] {
  const heard = (window as unknown as { __timeline?: string[] }).__timeline ?? [];
  return [...new Set([...performance.getEntries().map((e) => e.name), ...heard])];
}

/** In an extension page: every stored sighting's entity and address. */
async function storedSightings(): Promise<{ entityId: string; url: string }[]> {
  // Opening a database that is not there would create it empty, ahead of the background's own schema.
  if (!(await indexedDB.databases()).some((d) => d.name === 'apt-lens-sightings')) return [];
  const db = await new Promise<IDBDatabase>((ok, fail) => {
    const r = indexedDB.open('apt-lens-sightings');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  if (!db.objectStoreNames.contains('sightings')) {
    db.close();
    return [];
  }
  const all = await new Promise<{ entityId: string; url: string }[]>((ok, fail) => {
    const r = db.transaction('sightings').objectStore('sightings').getAll();
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  db.close();
  return all.map(({ entityId, url }) => ({ entityId, url }));
}

/** In an extension page: everything in `storage.local`, the area every content script can read. */
function localStorageArea(): Promise<Record<string, unknown>> {
  type Api = { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } };
  const g = globalThis as unknown as { browser?: Api; chrome: Api };
  return (g.browser ?? g.chrome).storage.local.get(null);
}

/**
 * In an extension page: tries to reach `url` by fetch and by an image; what the fetch gave, and which CSP
 * directives the browser reported as violated.
 */
async function reachFromExtensionPage(url: string): Promise<{ fetch: string; blocked: string[] }> {
  const blocked: string[] = [];
  document.addEventListener('securitypolicyviolation', (e) => blocked.push(e.effectiveDirective));
  const fetched = await fetch(url).then(
    (r) => `status ${r.status}`,
    (e: unknown) => `refused: ${String(e)}`,
  );
  await new Promise<void>((ok) => {
    const img = new Image();
    img.onload = () => ok();
    img.onerror = () => ok();
    img.src = `${url}?image`;
  });
  await new Promise((ok) => setTimeout(ok, 200));
  return { fetch: fetched, blocked: [...new Set(blocked)].sort() };
}

/** In the popup: clicks the button with this text. */
function clickButton(label: string): void {
  const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === label);
  if (!b) throw new Error(`no button "${label}"`);
  b.click();
}

/** In an extension page: every stored incident's address. */
async function storedIncidentUrls(): Promise<string[]> {
  const db = await new Promise<IDBDatabase>((ok, fail) => {
    const r = indexedDB.open('apt-lens');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  if (!db.objectStoreNames.contains('incidents')) {
    db.close();
    return [];
  }
  const all = await new Promise<{ url: string }[]>((ok, fail) => {
    const r = db.transaction('incidents').objectStore('incidents').getAll();
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  db.close();
  return all.map((i) => i.url);
}

/** Waits until APT Lens has painted a name on the page (the public highlight every build draws). */
async function painted(tab: Tab, name: string): Promise<void> {
  await tab.waitFor(
    new Function(
      `return [...(CSS.highlights.get('apt-lens-actor') ?? [])].some((r) => r.toString() === ${JSON.stringify(name)});`,
    ) as () => boolean,
    15_000,
  );
}

/** The hostile-channels suite for one browser. */
export function hostileChannelsSuite(name: 'chromium' | 'firefox'): void {
  let server: TestServer;
  let browser: ExtensionBrowser;
  let dash: Tab;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(name);
    dash = await browser.openExtensionPage('dashboard.html', '#app h1');
    await dash.evaluate(sendToBackground, {
      type: 'settings:put',
      settings: { watchlist: ['apt31', 'apt28'] },
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe(`a hostile page's other channels in ${name}`, () => {
    it('finds no apt-lens: entry in its Performance timeline in the shipped build (control: the timing build, its own mark)', async () => {
      const shipped = await launchBrowser(name, SHIPPED[name]);
      try {
        const ext = await shipped.openExtensionPage('dashboard.html', '#app h1');
        await ext.evaluate(sendToBackground, { type: 'settings:put', settings: { watchlist: ['apt31'] } });
        const tab = await shipped.newTab();
        await tab.addInitScript(recordTimeline);
        await tab.goto(`${server.origin}/pages/hostile.html`);
        await painted(tab, 'APT31');
        // The report on the watched name went out: its sighting is stored.
        await expect
          .poll(() => ext.evaluate(storedSightings, undefined), { timeout: 15_000 })
          .toContainEqual({ entityId: 'apt31', url: `${server.origin}/pages/hostile.html` });
        await tab.evaluate(() => performance.mark('page:probe'), undefined);
        const names = await tab.evaluate(timelineNames, undefined);
        expect(names).toContain('page:probe');
        expect(names.filter((n) => n.startsWith('apt-lens'))).toEqual([]);
      } finally {
        await shipped.close();
      }
      // Control: the same probe in the timing build hears the scan and the report of the watched name.
      const tab = await browser.newTab();
      await tab.addInitScript(recordTimeline);
      await tab.goto(`${server.origin}/pages/hostile.html`);
      await expect
        .poll(() => tab.evaluate(timelineNames, undefined), { timeout: 15_000 })
        .toEqual(expect.arrayContaining(['apt-lens:scan', 'apt-lens:report']));
      await tab.close();
    });

    it("stores the page's address without its query string, fragment, or a canonical of another site", async () => {
      const tab = await browser.newTab();
      const claimed = encodeURIComponent('https://victim.example/stolen-story');
      await tab.goto(
        `${server.origin}/pages/addresses.html?token=s3cret&utm_source=mail&canonical=${claimed}#section-2`,
      );
      await painted(tab, 'APT31');
      // Control: the secret really is in the page's address, and the page claims another site's canonical.
      expect(await tab.evaluate(() => location.href, undefined)).toContain('token=s3cret');
      expect(
        await tab.evaluate(
          () => document.querySelector('link[rel=canonical]')?.getAttribute('href'),
          undefined,
        ),
      ).toBe('https://victim.example/stolen-story');
      await expect
        .poll(() => dash.evaluate(storedSightings, undefined), { timeout: 15_000 })
        .toContainEqual({ entityId: 'apt31', url: `${server.origin}/pages/addresses.html` });
      const all = JSON.stringify(await dash.evaluate(storedSightings, undefined));
      expect(all).not.toContain('s3cret');
      expect(all).not.toContain('victim.example');
      expect(all).not.toContain('section-2');

      // A single-page site's next article is filed under its own address (pushState leaves the sender's URL).
      await tab.evaluate((path: string) => {
        (window as unknown as { nextArticle(p: string): void }).nextArticle(path);
      }, '/pages/spa/article-2?session=s3cret#part');
      await expect
        .poll(() => dash.evaluate(storedSightings, undefined), { timeout: 15_000 })
        .toContainEqual({ entityId: 'apt28', url: `${server.origin}/pages/spa/article-2` });
      expect(JSON.stringify(await dash.evaluate(storedSightings, undefined))).not.toContain('s3cret');
      await tab.close();
    });

    it("files a page under its own site's canonical address, tracking parameters removed", async () => {
      const tab = await browser.newTab();
      const claimed = encodeURIComponent('/pages/story?id=7&utm_source=feed');
      await tab.goto(`${server.origin}/pages/addresses.html?from=home&canonical=${claimed}`);
      await painted(tab, 'APT31');
      await expect
        .poll(() => dash.evaluate(storedSightings, undefined), { timeout: 15_000 })
        .toContainEqual({ entityId: 'apt31', url: `${server.origin}/pages/story?id=7` });
      await tab.close();
    });

    it('shows the address a page report will write, and saves the incident under it, without the secret', async () => {
      const tab = await browser.newTab();
      await tab.goto(`${server.origin}/pages/addresses.html?token=s3cret#section-2`);
      await painted(tab, 'APT31');
      const finder = await browser.openExtensionPage('popup.html', 'input[type=search]');
      const found = await finder.evaluate(messageEveryTab, { type: 'page:summary' });
      await finder.close();
      expect(found).toHaveLength(1);
      const popup = await browser.openExtensionPage(
        `popup.html?tab=${found[0]!.tabId}`,
        'input[type=search]',
      );
      await popup.waitFor(() =>
        [...document.querySelectorAll('button')].some(
          (b) => b.textContent === 'Make a STIX report of this page',
        ),
      );
      await popup.evaluate(clickButton, 'Make a STIX report of this page');
      await popup.waitFor(() => document.querySelector('.report-address') !== null);
      expect(
        await popup.evaluate(() => document.querySelector('.report-address span')?.textContent, undefined),
      ).toBe(`${server.origin}/pages/addresses.html`);
      await popup.evaluate(clickButton, 'Save as incident');
      await expect
        .poll(() => dash.evaluate(storedIncidentUrls, undefined), { timeout: 10_000 })
        .toEqual([`${server.origin}/pages/addresses.html`]);
      await popup.close();
      await tab.close();
    });

    it('cannot reach the network from an extension page (control: a web page reaches the same server)', async () => {
      const url = `${server.origin}/pages/hostile.html`;
      const web = await browser.newTab();
      await web.goto(`${server.origin}/pages/addresses.html`);
      expect(
        await web.evaluate(
          (u: string) =>
            fetch(u).then(
              (r) => r.status,
              () => 0,
            ),
          url,
        ),
      ).toBe(200);
      await web.close();
      const reached = await dash.evaluate(reachFromExtensionPage, url);
      expect(reached.fetch).toMatch(/^refused/);
      expect(reached.blocked).toEqual(['connect-src', 'img-src']);
    });

    it('keeps no setting where a content script could read it (control: the background has them)', async () => {
      const settings = (await dash.evaluate(sendToBackground, { type: 'settings:get' })) as {
        watchlist: string[];
      };
      expect(settings.watchlist).toEqual(['apt31', 'apt28']);
      const local = await dash.evaluate(localStorageArea, undefined);
      expect(Object.keys(local)).not.toContain('settings');
      expect(JSON.stringify(local)).not.toContain('apt28');
    });

    it('logged no extension error (but the refusals the network probe caused)', () => {
      const probe = `${server.origin}/pages/hostile.html`;
      expect(browser.extensionErrors().filter((e) => !e.includes(probe))).toEqual([]);
    });
  });
}
