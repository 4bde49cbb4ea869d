/**
 * `npm run bench:search`: how fast the popup answers. (1) Keystroke to results over the whole KB, in Node:
 * realistic queries typed letter by letter through the same search the popup and `apt-lens search` use.
 * (2) The same typing in the built popup in Chromium, from the input event to the results in the DOM
 * (search plus render). (3) The popup's time to interactive: from navigation start to the search box
 * focused (`apt-lens:popup-interactive`) and to the index built (`apt-lens:search-ready`), with the
 * share the browser takes to load the page and its modules before any of our code runs.
 * Prints numbers only; nothing here asserts a timing. (2) and (3) need `npm run build` and Chromium.
 */
import { existsSync } from 'node:fs';
import { loadKb } from '../../lib/kb/index';
import { createSearch } from '../../lib/kb/search';
import { CHROME_TIMING_BUILD, CHROMIUM, launchChromium } from '../dev/chromium';

const QUERIES = [
  'judgement panda',
  'apt 31',
  'nukib',
  'fancy bear',
  'violet typhoon',
  'salt typhoon',
  'volt typhoon',
  'sandworm',
  'lazarus',
  'cozy bear',
  'bronze vinewood',
  'ministry of state security',
  'gchq',
  'ncsc',
  'cisa',
  'kimsuky',
  'turla',
  'charming kitten',
  'muddywater',
  'scattered spider',
  'unc3886',
  'apt41',
  'wicked panda',
  'gru 26165',
  'fsb',
  'mandiant',
  'equation group',
  'oceanlotus',
  'zirconium',
  'midnight blizard',
];

/** The popup shows this many hits. */
const LIMIT = 30;

function stats(label: string, ms: number[]): void {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  console.log(
    `${label.padEnd(44)} n=${String(s.length).padStart(4)}  median ${at(0.5).toFixed(2)} ms  p95 ${at(0.95).toFixed(2)} ms  max ${s[s.length - 1]!.toFixed(2)} ms`,
  );
}

/** Every prefix of every query, as typed. */
const keystrokes = QUERIES.flatMap((q) => [...q].map((_, i) => q.slice(0, i + 1)));

function node(): void {
  const kb = loadKb();
  const t0 = performance.now();
  const search = createSearch(kb);
  console.log(
    `index build (Node, ${kb.actors.length} actors, ${kb.agencies.length} agencies)`.padEnd(44),
    `${(performance.now() - t0).toFixed(1)} ms`,
  );
  // One warm-up pass, as a user's first few letters warm the popup's JIT too.
  for (const k of keystrokes) search(k, LIMIT);
  const times: number[] = [];
  for (const k of keystrokes) {
    const start = performance.now();
    search(k, LIMIT);
    times.push(performance.now() - start);
  }
  stats('keystroke → results (Node, search only)', times);
}

/**
 * Runs in the popup: types each query letter by letter and times input event → results in the DOM.
 * No named inner functions: tsx would wrap them in a helper the page does not have.
 */
async function typeAll(queries: string[]): Promise<number[]> {
  const input = document.querySelector<HTMLInputElement>('input[type=search]')!;
  const times: number[] = [];
  for (const q of queries) {
    for (let i = 1; i <= q.length; i++) {
      const t0 = performance.now();
      input.value = q.slice(0, i);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // Preact renders in a microtask; the results are in the DOM by the next task (a message, which
      // unlike setTimeout is never clamped to 4 ms).
      await new Promise((ok) => {
        const c = new MessageChannel();
        c.port1.onmessage = ok;
        c.port2.postMessage(0);
      });
      times.push(performance.now() - t0);
    }
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((ok) => {
      const c = new MessageChannel();
      c.port1.onmessage = ok;
      c.port2.postMessage(0);
    });
  }
  return times;
}

async function chromium(): Promise<void> {
  if (!existsSync(CHROMIUM) || !existsSync(`${CHROME_TIMING_BUILD}/manifest.json`)) {
    console.log(
      'Chromium or the build is missing: run npm run build (and install chromium) for the popup numbers',
    );
    return;
  }
  const s = await launchChromium();
  try {
    const interactive: number[] = [];
    const ready: number[] = [];
    const loaded: number[] = [];
    const script: number[] = [];
    for (let run = 0; run < 15; run++) {
      const page = await s.newPage();
      await page.goto(`chrome-extension://${s.extensionId}/popup.html`);
      await page.waitForFunction(() => performance.getEntriesByName('apt-lens:search-ready').length > 0);
      const [i, r, l, m] = await page.evaluate(() => [
        performance.getEntriesByName('apt-lens:popup-interactive')[0]!.startTime,
        performance.getEntriesByName('apt-lens:search-ready')[0]!.startTime,
        (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd,
        performance.getEntriesByName('apt-lens:popup-script')[0]!.startTime,
      ]);
      script.push(m!);
      interactive.push(i!);
      ready.push(r!);
      loaded.push(l!);
      if (run === 14) {
        const typed = await page.evaluate(typeAll, QUERIES);
        stats('keystroke → results (Chromium popup, + render)', typed);
      }
      await page.close();
    }
    stats('popup.html received (browser, before our code)', loaded);
    stats('popup modules loaded and evaluated', script);
    stats('popup interactive (box focused)', interactive);
    stats('popup search index ready', ready);
  } finally {
    await s.close();
  }
}

node();
await chromium();
