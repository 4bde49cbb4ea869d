/**
 * What recording sightings costs. In Node with fake-indexeddb (an indication, not the browser's numbers):
 * one page's write into an empty store, into one at the 50,000 cap (the oldest dropped), and a later visit.
 * In Chromium with the built extension, on the saved news pages with every entity recorded: the page's side
 * (building the report: first sentences; then handing one message to the browser in an idle period) and the background's (settings, filter, one
 * transaction), from the `apt-lens:report` and `apt-lens:sightings-write` measures.
 */
import 'fake-indexeddb/auto';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { openSightingsDb } from '../../lib/sightings/db';
import { sightingKey } from '../../lib/sightings/model';
import { handleSightingsReport } from '../../lib/sightings/service';
import { MAX_SIGHTINGS, type PageSightings, recordPage } from '../../lib/sightings/store';
import { CHROME_TIMING_BUILD, launchChromium } from '../dev/chromium';
import { startServer } from '../dev/serve';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? NaN;
const ms = (x: number) => `${x.toFixed(2).padStart(8)} ms`;
const row = (label: string, xs: number[]) =>
  console.log(`${label.padEnd(60)} median ${ms(median(xs))}   p95 ${ms(p95(xs))}   (n=${xs.length})`);

const ENTITIES = ['apt31', 'apt28', 'cn-mss', 'lazarus-group', 'volt-typhoon'];
const page = (n: number, seenAt: string): PageSightings => ({
  url: `https://news${n % 50}.example/story/${n}`,
  title: `Story ${n}`,
  site: `news${n % 50}.example`,
  seenAt,
  visit: true,
  entities: ENTITIES.map((entityId) => ({ entityId, sentence: `${entityId} was named in story ${n}.` })),
});

async function timed(runs: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

console.log('bench:sightings — store (fake-indexeddb in Node), 5 entities per page');
const empty = await openSightingsDb('bench-empty');
row(
  'write one page, store nearly empty',
  await timed(50, (i) => recordPage(empty, page(i, new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()))),
);
row(
  'later visit of the same page (5 updates)',
  await timed(50, () => recordPage(empty, page(0, '2026-06-01T00:00:00.000Z'))),
);

const full = await openSightingsDb('bench-full');
{
  const tx = full.transaction('sightings', 'readwrite');
  for (let i = 0; i < MAX_SIGHTINGS; i++) {
    const seen = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
    const url = `https://old${i % 200}.example/${i}`;
    void tx.store.put({
      key: sightingKey(ENTITIES[i % 5]!, url),
      entityId: ENTITIES[i % 5]!,
      url,
      title: `Old story ${i}`,
      site: `old${i % 200}.example`,
      sentence: 'An old sentence.',
      firstSeen: seen,
      lastSeen: seen,
      visits: 1,
    });
  }
  await tx.done;
}
row(
  `write one page at the ${MAX_SIGHTINGS.toLocaleString('en')} cap (5 oldest dropped)`,
  await timed(20, (i) => recordPage(full, page(10_000 + i, `2026-0${1 + (i % 9)}-01T00:00:00.000Z`))),
);
const settings = { ...DEFAULT_SETTINGS, watchlist: ['apt31', 'cn-mss'] };
row(
  'background handler at the cap (filter + write, 2 watched)',
  await timed(20, (i) =>
    handleSightingsReport(
      () => Promise.resolve(full),
      {
        url: `https://fresh.example/${i}`,
        recordable: true,
        title: 'Fresh',
        visit: true,
        entities: ENTITIES.map((id) => ({ id, sentence: `${id} named.` })),
      },
      settings,
      new Date(Date.UTC(2027, 0, 1, 0, i)),
    ),
  ),
);

const corpus = resolve('../shared/corpus/news-pages');
if (!existsSync(corpus) || !existsSync(`${CHROME_TIMING_BUILD}/manifest.json`)) {
  console.log('\nChromium part skipped: needs ../shared/corpus/news-pages and npm run build.');
} else {
  const files = readdirSync(corpus)
    .filter((f) => f.endsWith('.html'))
    .slice(0, 40);
  const server = await startServer();
  const session = await launchChromium();
  const sw = session.context.serviceWorkers()[0]!;
  // Every entity recorded: the most a page can cost (the default records only watched ones). The
  // background keeps the settings: an extension page asks it, as the dashboard does.
  const dash = await session.newPage();
  await dash.goto(`chrome-extension://${session.extensionId}/dashboard.html`);
  await dash.evaluate(() =>
    (
      globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
    ).chrome.runtime.sendMessage({
      type: 'settings:put',
      settings: { sightings: 'all', watchlist: ['apt31'] },
    }),
  );
  await dash.close();
  const pageSide: number[] = [];
  const sends: number[] = [];
  const scans: number[] = [];
  let entities = 0;
  for (const file of files) {
    const tab = await session.newPage();
    await tab.goto(`${server.origin}/corpus/${encodeURIComponent(file)}`);
    await tab
      .waitForFunction(() => performance.getEntriesByName('apt-lens:scan').length > 0, undefined, {
        timeout: 30_000,
      })
      .catch(() => {});
    const m = await tab.evaluate(() => ({
      report: performance.getEntriesByName('apt-lens:report').map((e) => e.duration),
      send: performance.getEntriesByName('apt-lens:report-send').map((e) => e.duration),
      scan: performance.getEntriesByName('apt-lens:scan').map((e) => e.duration),
    }));
    pageSide.push(...m.report);
    sends.push(...m.send);
    scans.push(...m.scan.slice(0, 1));
    if (m.report.length) entities++;
    await tab.close();
  }
  // Let the last writes land before reading the background's measures.
  await new Promise((ok) => setTimeout(ok, 500));
  const background = await sw.evaluate(() =>
    performance.getEntriesByName('apt-lens:sightings-write').map((e) => e.duration),
  );
  const stored = await sw.evaluate(
    () =>
      new Promise<number>((ok) => {
        const r = indexedDB.open('apt-lens-sightings');
        r.onsuccess = () => {
          const c = r.result.transaction('sightings').objectStore('sightings').count();
          c.onsuccess = () => ok(c.result);
        };
      }),
  );
  console.log(
    `\nChromium, ${files.length} saved news pages, every entity recorded (${entities} pages reported, ${stored} sightings stored)`,
  );
  row('page side: build the report (apt-lens:report)', pageSide);
  row('page side: hand it to the browser, in an idle period (report-send)', sends);
  row("for scale: the page's first scan (apt-lens:scan)", scans);
  row('background: settings + filter + one transaction', background);
  await session.close();
  await server.close();
}
