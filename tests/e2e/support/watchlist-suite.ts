/**
 * The watchlist journey, run once per browser on a fresh profile: star APT31 from a page's card → the name
 * gets its private mark, and two served pages naming it are counted on the toolbar badge and listed in the
 * Sightings view with the sentence that names it → the Insights chart shows them, and a click on its bar
 * filters the Sightings list → with the site paused another page adds nothing →
 * "Clear all sightings" leaves none; then the popup's star on a search result and its detail toggle. (The site stays paused to the end: resuming would record the open page.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../../scripts/dev/serve';
import { type ExtensionBrowser, launchBrowser, type Tab } from './driver';
import { click } from './incidents-suite';
import { barPoint, showSightingsMode, tableRows } from './insights-suite';
import { messageEveryTab, rectOfText, typeInto } from './page-checks';

/** In an extension page: the toolbar badge text of every tab (`action` in MV3, `browserAction` in MV2). */
async function badges(): Promise<Record<number, string>> {
  interface Api {
    tabs: { query(q: object): Promise<{ id?: number }[]> };
    action?: { getBadgeText(d: { tabId: number }): Promise<string> };
    browserAction?: { getBadgeText(d: { tabId: number }): Promise<string> };
  }
  const g = globalThis as unknown as { browser?: Api; chrome: Api };
  const api = g.browser ?? g.chrome;
  const bar = (api.action ?? api.browserAction)!;
  const out: Record<number, string> = {};
  for (const t of await api.tabs.query({})) out[t.id!] = await bar.getBadgeText({ tabId: t.id! });
  return out;
}

/** In an extension page: every stored sighting, read straight from its database. */
async function storedSightings(): Promise<{ url: string; entityId: string; sentence: string }[]> {
  const db = await new Promise<IDBDatabase>((ok, fail) => {
    const r = indexedDB.open('apt-lens-sightings');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  if (!db.objectStoreNames.contains('sightings')) return [];
  const all = await new Promise<{ url: string; entityId: string; sentence: string }[]>((ok, fail) => {
    const r = db.transaction('sightings').objectStore('sightings').getAll();
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  db.close();
  return all.map(({ url, entityId, sentence }) => ({ url, entityId, sentence }));
}

/** In an extension page: pauses or resumes APT Lens on a host, as the popup's switch does. */
async function pauseSite([host, paused]: [string, boolean]): Promise<void> {
  interface Api {
    runtime: { sendMessage(m: unknown): Promise<unknown> };
  }
  const g = globalThis as unknown as { browser?: Api; chrome: Api };
  const api = g.browser ?? g.chrome;
  const s = (await api.runtime.sendMessage({ type: 'settings:get' })) as { pausedSites: string[] };
  const others = s.pausedSites.filter((h) => h !== host);
  await api.runtime.sendMessage({
    type: 'settings:put',
    settings: { ...s, pausedSites: paused ? [...others, host] : others },
  });
}

/** In an extension page: the stored watchlist (the background keeps the settings). */
async function storedWatchlist(): Promise<string[]> {
  interface Api {
    runtime: { sendMessage(m: unknown): Promise<unknown> };
  }
  const g = globalThis as unknown as { browser?: Api; chrome: Api };
  const api = g.browser ?? g.chrome;
  return ((await api.runtime.sendMessage({ type: 'settings:get' })) as { watchlist: string[] }).watchlist;
}

/** In the dashboard's Sightings view: each listed sighting's page link and sentence. */
function listedSightings(): { url: string; title: string; sentence: string }[] {
  return [...document.querySelectorAll<HTMLElement>('.sighting')].map((li) => ({
    url: li.dataset.url ?? '',
    title: li.querySelector('.title')?.textContent ?? '',
    sentence: li.querySelector('.sentence')?.textContent ?? '',
  }));
}

/** Extension pages under load (five agents share two cores) take a while to answer. */
const soon = { timeout: 10_000 };

const appText = () => document.getElementById('app')?.textContent ?? '';

/** The watchlist suite for one browser. */
export function watchlistSuite(name: 'chromium' | 'firefox'): void {
  let server: TestServer;
  let browser: ExtensionBrowser;
  let page: Tab;
  let dash: Tab;
  let pageTab: number;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(name);
    page = await browser.openScanned(`${server.origin}/pages/incident.html`);
    dash = await browser.openExtensionPage('dashboard.html?tab=sightings', '#app h1');
    const answered = await dash.evaluate(messageEveryTab, { type: 'page:summary' });
    expect(answered).toHaveLength(1);
    pageTab = answered[0]!.tabId;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const badge = async () => (await dash.evaluate(badges, undefined))[pageTab];

  describe(`watchlist and sightings in ${name}`, () => {
    it('records nothing and shows no badge before anything is watched', async () => {
      expect(await badge()).toBe('');
      expect(await dash.evaluate(storedSightings, undefined)).toEqual([]);
      await expect.poll(() => dash.evaluate(appText, undefined), soon).toContain('No sightings yet');
    });

    it('stars APT31 from the card: the button says so, its names get the private mark, the badge counts it', async () => {
      const r = (await page.evaluate(rectOfText, ['attribution', 'APT31'] as [string, string]))!;
      await page.mouseMove(r.x + r.width / 2, r.y + r.height / 2);
      await expect.poll(() => page.shadowText('apt-lens-ui'), { timeout: 5000 }).toContain('☆ Watch');
      expect(await page.clickInShadow('apt-lens-ui', '☆ Watch')).toBe(true);
      await expect.poll(() => page.shadowText('apt-lens-ui'), soon).toContain('★ Watching');
      // Drawn in the closed shadow root only: the page's CSS.highlights gains nothing.
      await expect
        .poll(async () => (await page.shadowRects('apt-lens-ui', '.mark.watched')).length, soon)
        .toBeGreaterThan(1);
      expect(
        await page.evaluate(() => [...CSS.highlights.keys()].some((k) => k.includes('watch')), undefined),
      ).toBe(false);
      await expect.poll(badge, soon).toBe('1');
    });

    it('lists two pages naming it, with their sentence, in the Sightings view', async () => {
      await page.goto(`${server.origin}/demo/`);
      await page.waitFor(() => performance.getEntriesByName('apt-lens:scan').length > 0);
      await expect.poll(badge, soon).toBe('1');
      await expect
        .poll(() => dash.evaluate(listedSightings, undefined), soon)
        .toEqual([
          {
            url: `${server.origin}/demo/`,
            title: 'Prague names Beijing-backed APT31 over ministry breach — The Demo Ledger',
            sentence: 'Prague names Beijing-backed APT31 over a years-long breach at its foreign ministry',
          },
          {
            url: `${server.origin}/pages/incident.html`,
            title: 'Czech ministry breach named on APT31',
            sentence: 'Czech ministry breach named on APT31',
          },
        ]);
      expect(await dash.evaluate(appText, undefined)).toContain('APT31 2 pages');
    });

    it('charts them in Insights, and a click on the bar opens the Sightings list filtered on APT31', async () => {
      await dash.evaluate(click, 'Insights');
      // No incident is saved, so the charts start empty; the Sightings switch is there once the stores are read.
      await dash.waitFor(
        () => [...document.querySelectorAll('label')].some((l) => l.textContent?.includes('Sightings (')),
        20_000,
      );
      await dash.evaluate(showSightingsMode, undefined);
      await expect
        .poll(() => dash.evaluate(tableRows, 'Actors and agencies named'), soon)
        .toEqual(['APT31 2']);
      const bar = ['Actors and agencies named', 0, 1] as [string, number, number];
      await expect.poll(() => dash.evaluate(barPoint, bar), soon).toBeDefined();
      const point = await dash.evaluate(barPoint, bar);
      await dash.click(point!.x, point!.y);
      await dash.waitFor(
        () => document.querySelector('[role=tab][aria-selected=true]')?.textContent === 'Sightings',
      );
      await expect.poll(() => dash.evaluate(listedSightings, undefined), soon).toHaveLength(2);
      expect(
        await dash.evaluate(() => document.querySelector('.filter-label')?.textContent ?? '', undefined),
      ).toContain('APT31');
    });

    it('lists APT31 in the Watchlist tab, whose button opens its sightings', async () => {
      await dash.evaluate(click, 'Watchlist');
      await expect.poll(() => dash.evaluate(appText, undefined), soon).toContain('Sightings (2)');
      await dash.evaluate(click, 'Sightings of APT31');
      await expect
        .poll(() => dash.evaluate(() => location.search, undefined), soon)
        .toBe('?tab=sightings&arg=entity%3Dapt31');
      await expect.poll(() => dash.evaluate(listedSightings, undefined), soon).toHaveLength(2);
    });

    it('records nothing on a paused site', async () => {
      await dash.evaluate(pauseSite, ['127.0.0.1', true] as [string, boolean]);
      await page.goto(`${server.origin}/pages/card.html`);
      // The paused page's content script has read its settings and answers: it reported nothing.
      await expect
        .poll(async () => (await dash.evaluate(messageEveryTab, { type: 'page:summary' }))[0]?.answer, soon)
        .toMatchObject({ status: 'paused' });
      // The browser cleared the tab's badge when it loaded another page.
      expect(await badge()).toBe('');
      const stored = await dash.evaluate(storedSightings, undefined);
      expect(stored.map((s) => s.url).sort()).toEqual([
        `${server.origin}/demo/`,
        `${server.origin}/pages/incident.html`,
      ]);
    });

    it('clears every sighting after a confirmation', async () => {
      await dash.evaluate(click, 'Clear all sightings');
      await expect.poll(() => dash.evaluate(appText, undefined), soon).toContain('Remove all 2 sightings?');
      await dash.evaluate(click, 'Remove them all');
      await expect.poll(() => dash.evaluate(appText, undefined), soon).toContain('Cleared 2 sightings.');
      await expect.poll(() => dash.evaluate(appText, undefined), soon).toContain('No sightings yet');
      expect(await dash.evaluate(storedSightings, undefined)).toEqual([]);
    });

    it('stars from the popup: a search result’s star, and the detail view’s toggle', async () => {
      const popup = await browser.openExtensionPage(`popup.html?tab=${pageTab}`, 'input[type=search]');
      await popup.evaluate(typeInto, ['input[type=search]', 'lazarus group'] as [string, string]);
      await expect
        .poll(
          () => popup.evaluate(() => document.querySelector('.results li')?.textContent ?? '', undefined),
          soon,
        )
        .toContain('Lazarus Group');
      await popup.evaluate(click, 'Watch Lazarus Group');
      await expect
        .poll(() => dash.evaluate(storedWatchlist, undefined), soon)
        .toEqual(['apt31', 'lazarus-group']);
      await popup.evaluate(() => (document.querySelector('.results li') as HTMLElement).click(), undefined);
      await expect
        .poll(
          () => popup.evaluate(() => document.querySelector('.detail .watch')?.textContent ?? '', undefined),
          soon,
        )
        .toBe('★ Watching');
      await popup.evaluate(
        () => (document.querySelector('.detail .watch') as HTMLElement).click(),
        undefined,
      );
      await expect.poll(() => dash.evaluate(storedWatchlist, undefined), soon).toEqual(['apt31']);
      await popup.close();
      expect(browser.extensionErrors()).toEqual([]);
    });
  });
}
