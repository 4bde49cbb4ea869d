/**
 * The Insights tab, run once per browser on a fresh profile: incidents imported through the ordinary import
 * and sightings written into their database (as the background records them; the recording itself is the
 * watchlist suite's) show in the charts and their tables; a real mouse click on a bar opens the Incidents or
 * Sightings list filtered on that bar; every chart has its table; Download PNG hands the browser a PNG file
 * (read from the Blob given to URL.createObjectURL, not from disk); an actor from the reader's own KB is named
 * and counted under its sponsor's state like a bundled one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupText } from '../../../lib/backup/file';
import type { Sighting } from '../../../lib/sightings/model';
import { makeIncident } from '../../incidents/make';
import { type ExtensionBrowser, launchBrowser, type Tab } from './driver';
import { chooseFile, click } from './incidents-suite';
import { sendToBackground } from './page-checks';

const INCIDENTS = [
  makeIncident(1, {
    actorIds: ['apt31'],
    agencyIds: [],
    tags: ['espionage'],
    createdAt: '2025-03-04T10:00:00.000Z',
  }),
  makeIncident(2, {
    actorIds: ['apt31'],
    agencyIds: [],
    tags: ['espionage'],
    createdAt: '2025-04-04T10:00:00.000Z',
  }),
  makeIncident(3, {
    actorIds: ['apt28'],
    agencyIds: [],
    tags: ['election'],
    createdAt: '2025-04-09T10:00:00.000Z',
  }),
];

function sighting(entityId: string, n: number, firstSeen: string): Sighting {
  const url = `http://127.0.0.1/news/${n}.html`;
  return {
    key: `${entityId}\n${url}`,
    entityId,
    url,
    title: `Story ${n}`,
    site: '127.0.0.1',
    sentence: `A sentence naming ${entityId} in story ${n}.`,
    firstSeen,
    lastSeen: firstSeen,
    visits: 1,
  };
}

const SIGHTINGS = [
  sighting('apt31', 1, '2025-04-02T08:00:00.000Z'),
  sighting('apt31', 2, '2025-05-06T08:00:00.000Z'),
  sighting('turla', 3, '2025-05-07T08:00:00.000Z'),
];

/** In an extension page: puts sightings into `apt-lens-sightings` (creating its v1 schema if need be). */
function seedSightings(list: Sighting[]): Promise<void> {
  return new Promise((ok, fail) => {
    const req = indexedDB.open('apt-lens-sightings');
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore('sightings', { keyPath: 'key' });
      store.createIndex('lastSeen', 'lastSeen');
      store.createIndex('entityId', 'entityId');
      store.createIndex('site', 'site');
    };
    req.onerror = () => fail(req.error);
    req.onsuccess = () => {
      const tx = req.result.transaction('sightings', 'readwrite');
      for (const s of list) tx.objectStore('sightings').put(s);
      tx.oncomplete = () => {
        req.result.close();
        ok();
      };
      tx.onerror = () => fail(tx.error);
    };
  });
}

/** In the dashboard: the rows of the table captioned `caption`, as "name count" strings. */
export function tableRows(caption: string): string[] {
  const table = [...document.querySelectorAll('table')].find((t) => t.caption?.textContent === caption);
  return [...(table?.tBodies[0]?.rows ?? [])].map((r) =>
    [...r.cells].map((c) => c.textContent?.trim()).join(' '),
  );
}

/**
 * In the dashboard: the viewport point at the middle of bar `index` of the horizontal chart under the heading
 * `title` (rows are equal bands of the plot area, the first on top), a tenth of the way along it; the
 * figure is scrolled into view first.
 */
export function barPoint([title, index, count]: [string, number, number]):
  | { x: number; y: number }
  | undefined {
  const figure = [...document.querySelectorAll('figure.insight')].find(
    (f) => f.querySelector('h3')?.textContent === title,
  );
  figure?.scrollIntoView({ block: 'center' });
  const over = figure?.querySelector('.u-over')?.getBoundingClientRect();
  if (!over || over.height === 0) return undefined;
  return { x: over.left + over.width * 0.1, y: over.top + ((index + 0.5) / count) * over.height };
}

/** In the dashboard's Insights tab: switches the charts to sightings. */
export function showSightingsMode(): void {
  [...document.querySelectorAll('label')]
    .find((l) => l.textContent?.includes('Sightings ('))!
    .querySelector('input')!
    .click();
}

/** In the dashboard: starts catching the next download (its file name and Blob) the page hands over. */
function catchDownload(): void {
  const w = window as unknown as { __download?: { fileName: string; blob?: Blob } };
  const create = URL.createObjectURL;
  URL.createObjectURL = (b: Blob | MediaSource) => {
    w.__download = { fileName: '', blob: b as Blob };
    return create.call(URL, b);
  };
  const anchorClick = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    if (w.__download) w.__download.fileName = this.download;
    URL.createObjectURL = create;
    HTMLAnchorElement.prototype.click = anchorClick;
  };
}

/** In the dashboard: the caught download's name, type, size and first bytes (undefined until it came). */
async function caughtDownload(): Promise<
  { fileName: string; type: string; size: number; head: number[] } | undefined
> {
  const d = (window as unknown as { __download?: { fileName: string; blob?: Blob } }).__download;
  if (!d?.fileName || !d.blob) return undefined;
  const head = [...new Uint8Array(await d.blob.slice(0, 8).arrayBuffer())];
  return { fileName: d.fileName, type: d.blob.type, size: d.blob.size, head };
}

/** The Insights suite for one browser. */
export function insightsSuite(name: 'chromium' | 'firefox'): void {
  let browser: ExtensionBrowser;
  let dash: Tab;

  beforeAll(async () => {
    browser = await launchBrowser(name);
    dash = await browser.openExtensionPage('dashboard.html', '#app h1');
    await dash.evaluate(chooseFile, [backupText(INCIDENTS, new Date()), 'three.json'] as [string, string]);
    await dash.waitFor(() =>
      [...document.querySelectorAll('button')].some((b) => b.textContent === 'Confirm import'),
    );
    await dash.evaluate(click, 'Confirm import');
    await dash.waitFor(() =>
      (document.querySelector('.status')?.textContent ?? '').includes('Imported three.json'),
    );
    await dash.evaluate(seedSightings, SIGHTINGS);
  });

  afterAll(async () => {
    await browser?.close();
  });

  describe(`insights in ${name}`, () => {
    it('charts the incidents, with a table behind every chart', async () => {
      await dash.evaluate(click, 'Insights');
      await dash.waitFor(() => document.querySelectorAll('.insight .uplot canvas').length === 5, 20_000);
      expect(await dash.evaluate(tableRows, 'Actors and agencies named')).toEqual(['APT31 2', 'APT28 1']);
      expect(await dash.evaluate(tableRows, 'Incidents per month')).toEqual([
        'Mar 2025 1',
        'Apr 2025 2',
        'May 2025 0',
      ]);
      expect(await dash.evaluate(tableRows, 'Sponsor states')).toEqual(['China 2', 'Russia 1']);
      expect(await dash.evaluate(tableRows, 'Tags')).toEqual(['espionage 2', 'election 1']);
      const tables = await dash.evaluate(
        () =>
          [...document.querySelectorAll('figure.insight')].map(
            (f) => f.querySelector('table caption')?.textContent,
          ),
        undefined,
      );
      expect(tables).toEqual([
        'Incidents per month',
        'Actors and agencies named',
        'Sponsor states',
        'Sponsor agencies',
        'Tags',
      ]);
    });

    it('downloads a chart as a PNG file', async () => {
      await dash.evaluate(catchDownload, undefined);
      await dash.evaluate(
        () =>
          [...document.querySelectorAll('figure.insight')]
            .find((f) => f.querySelector('h3')?.textContent === 'Actors and agencies named')!
            .querySelector<HTMLButtonElement>('button:not([aria-expanded])')!
            .click(),
        undefined,
      );
      await expect.poll(() => dash.evaluate(caughtDownload, undefined)).toBeDefined();
      const file = (await dash.evaluate(caughtDownload, undefined))!;
      expect(file.fileName).toBe('apt-lens-actors.png');
      expect(file.type).toBe('image/png');
      expect(file.head).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(file.size).toBeGreaterThan(1000);
    });

    it('opens the incident list filtered on the bar a click lands on', async () => {
      const point = await dash.evaluate(barPoint, ['Actors and agencies named', 0, 2] as [
        string,
        number,
        number,
      ]);
      expect(point).toBeDefined();
      await dash.click(point!.x, point!.y);
      await dash.waitFor(
        () => document.querySelector('[role=tab][aria-selected=true]')?.textContent === 'Incidents',
      );
      await expect
        .poll(() => dash.evaluate(() => document.body.textContent ?? '', undefined))
        .toContain('2 of 3 shown');
      expect(
        await dash.evaluate(
          () => document.querySelector<HTMLSelectElement>('select[aria-label=Actor]')?.value,
          undefined,
        ),
      ).toBe('apt31');
    });

    it('charts the sightings, and a click on a bar opens the Sightings list filtered on it', async () => {
      await dash.evaluate(click, 'Insights');
      await dash.waitFor(() => document.querySelectorAll('.insight .uplot canvas').length === 5, 20_000);
      await dash.evaluate(showSightingsMode, undefined);
      await expect
        .poll(() => dash.evaluate(tableRows, 'Actors and agencies named'))
        .toEqual(['APT31 2', 'Turla 1']);
      // The months come once the records are read, after the charts drawn from the keys.
      await expect
        .poll(() => dash.evaluate(tableRows, 'Sightings per month'))
        .toEqual(['Mar 2025 0', 'Apr 2025 1', 'May 2025 2']);
      const point = await dash.evaluate(barPoint, ['Actors and agencies named', 0, 2] as [
        string,
        number,
        number,
      ]);
      expect(point).toBeDefined();
      await dash.click(point!.x, point!.y);
      await dash.waitFor(
        () => document.querySelector('[role=tab][aria-selected=true]')?.textContent === 'Sightings',
      );
      await dash.waitFor(() => document.querySelectorAll('li.sighting').length > 0);
      expect(
        await dash.evaluate(
          () => [...document.querySelectorAll('li.sighting')].map((li) => li.getAttribute('data-url')).sort(),
          undefined,
        ),
      ).toEqual(['http://127.0.0.1/news/1.html', 'http://127.0.0.1/news/2.html']);
      expect(
        await dash.evaluate(() => document.querySelector('.filter-label')?.textContent ?? '', undefined),
      ).toContain('APT31');
    });

    it('names and counts the reader’s own actor like a bundled one', async () => {
      const now = new Date().toISOString();
      const written = await dash.evaluate(sendToBackground, {
        type: 'overlay:write',
        batch: {
          put: [
            {
              id: 'ours-unc-acme-7',
              kind: 'actor',
              name: 'UNC-ACME-7',
              aliases: [],
              sponsor: 'cn-mss',
              notes: '',
              links: [],
              createdAt: now,
              updatedAt: now,
            },
          ],
        },
      });
      expect(written).toMatchObject({ ok: true, added: 1 });
      await dash.evaluate(seedSightings, [sighting('ours-unc-acme-7', 4, '2025-05-08T08:00:00.000Z')]);
      const fresh = await browser.openExtensionPage('dashboard.html?tab=insights', 'figure.insight');
      await fresh.evaluate(showSightingsMode, undefined);
      await expect
        .poll(() => fresh.evaluate(tableRows, 'Actors and agencies named'), { timeout: 10_000 })
        .toEqual(['APT31 2', 'UNC-ACME-7 1', 'Turla 1']);
      expect(await fresh.evaluate(tableRows, 'Sponsor states')).toEqual(['China 3', 'Russia 1']);
    });

    it('logged no extension error', () => {
      expect(browser.extensionErrors()).toEqual([]);
    });
  });
}
