/**
 * `npm run bench:page`: in one Chromium session with the built extension, for every saved page of
 * ../shared/corpus/news-pages, compares APT Lens's `apt-lens:scan` time with mark.js `markRegExp` over one
 * combined pattern of the same names, and with a bare TreeWalker over the text (the floor). Prints median,
 * p90 and max per method and the ratios. Also how soon text that arrives after load is painted (the
 * e2e reading suite checks only that it is). Numbers only; nothing is asserted.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadNameTable } from '../../lib/kb/names';
import { launchChromium } from '../dev/chromium';
import { ROOTS, startServer } from '../dev/serve';

const corpus = ROOTS.corpus!;
if (!existsSync(corpus)) {
  console.log('bench:page skipped: ../shared/corpus/news-pages is absent.');
  process.exit(0);
}
execFileSync('npx', ['wxt', 'build', '-b', 'chrome', '--mv3'], { stdio: 'ignore' });

const names = loadNameTable().map((r) => r.name);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pattern = `\\b(?:${[...new Set(names)]
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|')})\\b`;
const markSource = readFileSync(createRequire(import.meta.url).resolve('mark.js/dist/mark.min.js'), 'utf8');

interface PageResult {
  file: string;
  chars: number;
  aptLens: number;
  warm: number;
  /** The reference content script's time (walk the text, read one setting), from a second session. */
  reference?: number;
  startup: number;
  evaluation: number;
  floor: number;
  mark: number;
  longestTask: number;
}

const server = await startServer();
const session = await launchChromium();
const results: PageResult[] = [];
const files = readdirSync(corpus)
  .filter((f) => f.endsWith('.html'))
  .sort();

for (const file of files) {
  const page = await session.newPage();
  await page.addInitScript({ content: markSource });
  await page.goto(`${server.origin}/corpus/${file}`);
  await page.waitForFunction(() => performance.getEntriesByName('apt-lens:scan').length > 0, undefined, {
    timeout: 20_000,
  });
  // A same-document navigation makes the content script read the whole page again, now with its code
  // loaded and compiled: the same work mark.js is timed on, in the same conditions.
  await page.evaluate(() => history.pushState(null, '', `${location.href.split('#')[0]}#again`));
  await page.waitForFunction(() => performance.getEntriesByName('apt-lens:scan').length > 1, undefined, {
    timeout: 20_000,
  });
  const r = await page.evaluate((re) => {
    const [first, again] = performance.getEntriesByName('apt-lens:scan');
    const start = performance.getEntriesByName('apt-lens:start')[0]!.startTime;
    const main = performance.getEntriesByName('apt-lens:main')[0]!.startTime;
    const ready = performance.getEntriesByName('apt-lens:matcher-ready')[0]!.startTime;
    // The floor: visit every text node once, as any scan must.
    const t0 = performance.now();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let chars = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) chars += (n as Text).data.length;
    const floor = performance.now() - t0;
    const Mark = (
      window as unknown as { Mark: new (el: Element) => { markRegExp(r: RegExp, o: object): void } }
    ).Mark;
    const t1 = performance.now();
    new Mark(document.body).markRegExp(new RegExp(re, 'gi'), {});
    const mark = performance.now() - t1;
    // The content script measures each piece of work it runs without yielding.
    const tasks = performance.getEntriesByName('apt-lens:task').map((e) => e.duration);
    // The first piece also holds the start-up (settings, matcher), which runs in the same task.
    return {
      chars,
      aptLens: first!.duration,
      warm: again!.duration,
      startup: ready - start,
      evaluation: main - start,
      floor,
      mark,
      longestTask: Math.max(ready - start, ...tasks),
    };
  }, pattern);
  results.push({ file, ...r });
  await page.close();
}

// Late text: tests/e2e/pages/live.html adds an article a second after load and marks when (lateAt); the
// delay is from then to the end of the scan that painted it.
const late: number[] = [];
for (let i = 0; i < 10; i++) {
  const page = await session.newPage();
  await page.goto(`${server.origin}/pages/live.html`);
  await page.waitForFunction(
    () => {
      const h = CSS.highlights.get('apt-lens-actor');
      return !!h && [...h].some((r) => r.startContainer.parentElement?.closest('#late'));
    },
    undefined,
    { timeout: 10_000 },
  );
  late.push(
    await page.evaluate(() => {
      const at = (window as unknown as { lateAt: number }).lateAt;
      const scan = performance.getEntriesByName('apt-lens:scan').find((e) => e.startTime >= at);
      return scan ? scan.startTime + scan.duration - at : Number.NaN;
    }),
  );
  await page.close();
}
await session.close();

// The same pages in a second session with only the reference content script, which does the least any
// content script must (walk the text, read one setting): how close the first scan can come to the floor.
const reference = await launchChromium({ extDir: 'scripts/bench/reference-extension' });
for (const [i, file] of files.entries()) {
  const page = await reference.newPage();
  await page.goto(`${server.origin}/corpus/${file}`);
  await page.waitForFunction(() => performance.getEntriesByName('reference:scan').length > 0, undefined, {
    timeout: 20_000,
  });
  results[i]!.reference = await page.evaluate(
    () => performance.getEntriesByName('reference:scan')[0]!.duration,
  );
  await page.close();
}
await reference.close();
await server.close();

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))]!;
};
const row = (label: string, xs: number[]) =>
  console.log(
    `${label.padEnd(34)} median ${q(xs, 0.5).toFixed(2).padStart(8)} ms   p90 ${q(xs, 0.9).toFixed(2).padStart(8)} ms   max ${Math.max(
      ...xs,
    )
      .toFixed(2)
      .padStart(8)} ms`,
  );
const col = (k: keyof PageResult) => results.map((r) => r[k] as number);
const largest = results.reduce((a, b) => (b.chars > a.chars ? b : a));

console.log(`bench:page — ${results.length} pages, ${names.length} names, one Chromium session\n`);
row('APT Lens apt-lens:scan (first)', col('aptLens'));
row('  of which start-up (script, KB, matcher)', col('startup'));
row('    of which script evaluation', col('evaluation'));
row(
  '  scan after start-up',
  results.map((r) => r.aptLens - r.startup),
);
row('APT Lens full rescan, code warm', col('warm'));
row('mark.js markRegExp (combined)', col('mark'));
row('bare TreeWalker floor', col('floor'));
row('reference content script (walk + setting)', col('reference'));
row('longest APT Lens task', col('longestTask'));
row('late text painted after it arrives', late);
const ratio = (a: number[], b: number[]) => (q(a, 0.5) / q(b, 0.5)).toFixed(1);
const slowest = [...results].sort((a, b) => b.longestTask - a.longestTask).slice(0, 3);
console.log(`longest tasks: ${slowest.map((r) => `${r.file} ${r.longestTask.toFixed(1)} ms`).join(', ')}`);
console.log(`\nmark.js / APT Lens first scan at the median:  ${ratio(col('mark'), col('aptLens'))}×`);
console.log(`mark.js / APT Lens warm rescan at the median: ${ratio(col('mark'), col('warm'))}×`);
console.log(`APT Lens first scan / floor at the median:    ${ratio(col('aptLens'), col('floor'))}×`);
console.log(`APT Lens warm rescan / floor at the median:   ${ratio(col('warm'), col('floor'))}×`);
console.log(`reference content script / floor:            ${ratio(col('reference'), col('floor'))}×`);
console.log(`mark.js / reference content script:           ${ratio(col('mark'), col('reference'))}×`);
console.log(
  `largest page ${largest.file} (${largest.chars} chars): APT Lens ${largest.aptLens.toFixed(1)} ms first, ${largest.warm.toFixed(1)} ms warm, mark.js ${largest.mark.toFixed(1)} ms, floor ${largest.floor.toFixed(2)} ms, longest APT Lens task ${largest.longestTask.toFixed(1)} ms`,
);
