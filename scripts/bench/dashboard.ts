/**
 * `npm run bench:dashboard`: how fast the dashboard opens in the built extension in Chromium, with empty
 * stores (the baseline, measured in the same run) and with 10,000 incidents and 50,000 sightings seeded
 * (incidents through the background's ordinary import, sightings written straight into their database as
 * the background would have). Each view is opened in a fresh tab a number of times; the time is from
 * navigation start to the view's first content in the DOM, and to the next frame after it (painted).
 * Prints numbers only; nothing here asserts a timing. Needs `npm run build` and Chromium.
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { backupText } from '../../lib/backup/file';
import type { Incident } from '../../lib/incidents/model';
import type { Sighting } from '../../lib/sightings/model';
import { CHROME_TIMING_BUILD, CHROMIUM, launchChromium } from '../dev/chromium';

const INCIDENTS = 10_000;
const SIGHTINGS = 50_000;
const RUNS = 12;
const ACTORS = [
  'apt31',
  'apt28',
  'apt29',
  'apt41',
  'lazarus-group',
  'turla',
  'volt-typhoon',
  'sandworm-team',
];
const TAGS = ['espionage', 'ministry', 'election', 'critical infrastructure', 'ransomware'];
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

function incident(n: number): Incident {
  const at = new Date(START + (n % 700) * DAY + n * 1000).toISOString();
  return {
    id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    createdAt: at,
    updatedAt: at,
    title: `Incident ${n}: intrusion into a ministry network`,
    url: `https://news${n % 40}.example/2024/story-${n}`,
    site: `news${n % 40}.example`,
    pageTitle: `Security news story ${n}`,
    quote: {
      exact: `The government said with a high degree of certainty that ${ACTORS[n % 8]} was behind intrusion ${n}, which reached the mail servers of several ministries.`,
      prefix: 'previous sentence ends here. ',
      suffix: ' The next sentence follows.',
    },
    actorIds: [ACTORS[n % 8]!],
    agencyIds: n % 3 ? ['cn-mss'] : [],
    tags: [TAGS[n % 5]!, TAGS[(n + 2) % 5]!],
    notes: n % 7 ? '' : `Follow up with the CERT about case ${n}.`,
  };
}

function sighting(n: number): Sighting {
  const entityId = ACTORS[n % 8]!;
  const url = `https://news${n % 60}.example/2025/article-${n}`;
  const first = START + (n % 700) * DAY;
  return {
    key: `${entityId}\n${url}`,
    entityId,
    url,
    title: `Article ${n} about a campaign`,
    site: `news${n % 60}.example`,
    sentence: `Researchers tied the campaign in article ${n} to ${entityId}, citing shared infrastructure.`,
    firstSeen: new Date(first).toISOString(),
    lastSeen: new Date(first + (n % 5) * DAY).toISOString(),
    visits: 1 + (n % 3),
  };
}

/**
 * Runs in the dashboard page: writes sightings into `apt-lens-sightings` in batches of one transaction each,
 * creating the v1 schema when the database does not exist yet (the dashboard migrates it from there).
 */
function seedSightings(list: Sighting[]): Promise<number> {
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
      const db = req.result;
      const tx = db.transaction('sightings', 'readwrite');
      for (const s of list) tx.objectStore('sightings').put(s);
      tx.oncomplete = () => {
        db.close();
        ok(list.length);
      };
      tx.onerror = () => fail(tx.error);
    };
  });
}

/**
 * Installed before the page's scripts: records when `selector` first matches (performance.now(), from
 * navigation start) and when the frame after that begins. No named inner functions: tsx would wrap them in
 * a helper the page does not have.
 */
function watchFor(selector: string): void {
  const w = window as unknown as { __seen?: { dom: number; frame?: number } };
  new MutationObserver((_records, observer) => {
    if (w.__seen || !document.querySelector(selector)) return;
    w.__seen = { dom: performance.now() };
    requestAnimationFrame(() => {
      w.__seen!.frame = performance.now();
    });
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
}

/**
 * Runs in the dashboard: has the view finished reading? Incidents once the count line says how many are shown
 * (the whole store is in), Insights once the sightings' months are in, Sightings once it no longer says it is
 * reading (it paints the newest page first).
 */
function viewDone(view: string): boolean {
  if (view === 'incidents') return /\d+ of \d+ shown/.test(document.body.textContent ?? '');
  if (view === 'insights') return performance.getEntriesByName('apt-lens:insights-dated').length > 0;
  const text = document.querySelector('.sightings-view')?.textContent ?? '';
  return text !== '' && !/Loading sightings|reading the rest/.test(text);
}

function stats(label: string, ms: number[]): void {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  console.log(
    `${label.padEnd(58)} n=${String(s.length).padStart(3)}  median ${at(0.5).toFixed(0).padStart(5)} ms  p95 ${at(0.95).toFixed(0).padStart(5)} ms`,
  );
}

type Session = Awaited<ReturnType<typeof launchChromium>>;

/**
 * Opens `path` RUNS times in fresh tabs (after one warm-up) and prints the times to `selector`. Each tab is
 * closed only once the view has finished all its reading (`done`), so a read still running in the database
 * never slows the next tab down.
 */
async function measure(
  s: Session,
  label: string,
  path: string,
  selector: string,
  done: string,
): Promise<void> {
  const dom: number[] = [];
  const frame: number[] = [];
  const marks = new Map<string, number[]>();
  for (let run = 0; run <= RUNS; run++) {
    const page: Page = await s.newPage();
    await page.addInitScript(watchFor, selector);
    await page.goto(`chrome-extension://${s.extensionId}/${path}`);
    await page.waitForFunction(
      () => (window as unknown as { __seen?: { frame?: number } }).__seen?.frame,
      undefined,
      { timeout: 60_000 },
    );
    const seen = await page.evaluate(
      () => (window as unknown as { __seen: { dom: number; frame: number } }).__seen,
    );
    await page.waitForFunction(viewDone, done, { timeout: 120_000 });
    const own = await page.evaluate(() =>
      performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('apt-lens:'))
        .map((m) => [m.name, m.startTime] as [string, number]),
    );
    if (run > 0) {
      dom.push(seen.dom);
      frame.push(seen.frame);
      for (const [name, t] of own) marks.set(name, [...(marks.get(name) ?? []), t]);
    }
    await page.close();
  }
  for (const [name, times] of marks) stats(`${label}: ${name.slice('apt-lens:'.length)}`, times);
  stats(`${label}: in the DOM`, dom);
  stats(`${label}: painted (next frame)`, frame);
}

/** Each view and what shows it has content (with data, or saying it has none). */
const VIEWS = [
  {
    label: 'Incidents (first tab)',
    path: 'dashboard.html',
    empty: '.empty-state',
    full: 'li.incident',
    done: 'incidents',
  },
  {
    label: 'Sightings',
    path: 'dashboard.html?tab=sightings',
    empty: '.sightings-view .empty-state',
    full: 'li.sighting',
    done: 'sightings',
  },
  {
    label: 'Insights (charts, uPlot chunk)',
    path: 'dashboard.html?tab=insights',
    empty: '.insights',
    full: '.uplot',
    done: 'insights',
  },
];

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM) || !existsSync(`${CHROME_TIMING_BUILD}/manifest.json`)) {
    console.log(
      'Chromium or the build is missing: run npm run build (and install chromium) for these numbers',
    );
    return;
  }
  const s = await launchChromium();
  try {
    console.log(`dashboard, empty stores (baseline), ${RUNS} runs each after one warm-up`);
    for (const v of VIEWS) if (v.empty) await measure(s, `  ${v.label}`, v.path, v.empty, v.done);

    const page = await s.newPage();
    await page.goto(`chrome-extension://${s.extensionId}/dashboard.html`);
    await page.waitForSelector('#app h1');
    const t0 = performance.now();
    const report = await page.evaluate(
      (text) =>
        (
          globalThis as unknown as {
            chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; add?: number }> } };
          }
        ).chrome.runtime.sendMessage({ type: 'backup:import', text, apply: true }),
      backupText(
        Array.from({ length: INCIDENTS }, (_, i) => incident(i + 1)),
        new Date(),
      ),
    );
    if (!report.ok || report.add !== INCIDENTS)
      throw new Error(`seeding incidents failed: ${JSON.stringify(report)}`);
    const seeded = await page.evaluate(
      seedSightings,
      Array.from({ length: SIGHTINGS }, (_, i) => sighting(i)),
    );
    await page.close();
    console.log(
      `seeded ${INCIDENTS.toLocaleString('en')} incidents (import) and ${seeded.toLocaleString('en')} sightings in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    for (const v of VIEWS) if (v.full) await measure(s, `  ${v.label}`, v.path, v.full, v.done);
    if (s.extensionErrors.length) console.log('extension errors:', s.extensionErrors);
  } finally {
    await s.close();
  }
}

await main();
