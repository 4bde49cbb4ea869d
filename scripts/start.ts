/**
 * `npm start`: builds the Chrome extension, serves the demo article on 127.0.0.1 and opens Chromium with
 * APT Lens loaded on it. `npm start -- --headless --screenshot FILE` does the same without a display, hovers
 * a name so the card shows, and saves a screenshot; `--dashboard-screenshot FILE` imports a few sample
 * incidents (scripts/dev/sample-incidents.ts) into that fresh profile and saves the dashboard;
 * `--report-screenshot FILE` opens the popup's page report on the demo article and saves it;
 * `--insights-screenshot FILE` imports a year of sample incidents (scripts/dev/sample-insights.ts) and saves
 * the Insights tab; `--import-screenshot FILE` imports docs/examples/stix-bundle.json into Your KB, then
 * picks docs/examples/misp-galaxy.json and saves the import summary. `--watchlist-screenshot FILE` and
 * `--sightings-screenshot FILE` watch a few entities, read the served demo pages that name them, and save
 * the Watchlist and Sightings tabs.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './dev/chromium';
import { isDisplayError, NO_DISPLAY_HINT, noDisplayHint } from './dev/display';
import { sampleExport } from './dev/sample-incidents';
import { insightsSampleExport } from './dev/sample-insights';
import { startServer } from './dev/serve';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    screenshot: { type: 'string' },
    'dashboard-screenshot': { type: 'string' },
    'report-screenshot': { type: 'string' },
    'insights-screenshot': { type: 'string' },
    'import-screenshot': { type: 'string' },
    'watchlist-screenshot': { type: 'string' },
    'sightings-screenshot': { type: 'string' },
  },
});

// Before the build: without a display the window cannot open, and one line says what to run instead.
const hint = noDisplayHint(values.headless, process.platform, process.env);
if (hint) {
  console.error(hint);
  process.exit(1);
}

// The timing build: the shipped code plus the content script's marks, which this script waits on.
execFileSync('npx', ['wxt', 'build', '-b', 'chrome', '--mv3'], {
  stdio: 'inherit',
  env: { ...process.env, APT_LENS_TIMING: '1' },
});
const server = await startServer();
const url = `${server.origin}/demo/`;
const session = await launchChromium({ headless: values.headless }).catch(async (e: unknown) => {
  if (values.headless || !isDisplayError(e)) throw e;
  // DISPLAY names a server that is not there: the same one line, not Playwright's stack trace.
  console.error(NO_DISPLAY_HINT);
  await server.close();
  process.exit(1);
});
const page = session.context.pages()[0] ?? (await session.newPage());
await page.goto(url);
await page.waitForFunction(() => performance.getEntriesByName('apt-lens:scan').length > 0);
console.log(`APT Lens is running on ${url}`);

const dashboardShot = values['dashboard-screenshot'];
if (dashboardShot) {
  // The ordinary import path: the dashboard page hands the file to the background, the only writer.
  const dash = await session.newPage();
  await dash.goto(`chrome-extension://${session.extensionId}/dashboard.html`);
  await dash.waitForSelector('#app h1');
  const report = await dash.evaluate(
    (text) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({
        type: 'backup:import',
        text,
        apply: true,
      }),
    sampleExport(new Date()),
  );
  console.log('Imported the sample incidents:', JSON.stringify(report));
  await dash.reload();
  await dash.waitForSelector('li.incident');
  const file = resolve(dashboardShot);
  await dash.screenshot({ path: file });
  console.log(`Dashboard screenshot saved to ${file}`);
}

const reportShot = values['report-screenshot'];
if (reportShot) {
  // The popup in a tab of its own, popup-sized, naming the article's tab (as the e2e tests open it).
  const popup = await session.newPage();
  await popup.setViewportSize({ width: 376, height: 700 });
  await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
  const tabId = await popup.evaluate(async () => {
    type Tabs = {
      query(q: object): Promise<{ id?: number }[]>;
      sendMessage(id: number, m: unknown): Promise<unknown>;
    };
    const tabs = (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome.tabs;
    for (const t of await tabs.query({})) {
      if (await tabs.sendMessage(t.id!, { type: 'page:summary' }).catch(() => undefined)) return t.id;
    }
    return undefined;
  });
  await popup.goto(`chrome-extension://${session.extensionId}/popup.html?tab=${tabId}`);
  await popup.getByRole('button', { name: 'Make a STIX report of this page' }).click();
  await popup.waitForSelector('.report-entities li');
  await popup.fill('.report-form input[name=labels]', 'espionage, czechia');
  await popup.fill(
    '.report-form textarea',
    'Czech attribution of the MFA breach; see NÚKIB for the technical report.',
  );
  const file = resolve(reportShot);
  await popup.screenshot({ path: file, fullPage: true });
  console.log(`Page report screenshot saved to ${file}`);
}

const insightsShot = values['insights-screenshot'];
if (insightsShot) {
  const dash = await session.newPage();
  await dash.setViewportSize({ width: 1200, height: 1320 });
  await dash.goto(`chrome-extension://${session.extensionId}/dashboard.html`);
  await dash.waitForSelector('#app h1');
  const report = await dash.evaluate(
    (text) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ type: 'backup:import', text, apply: true }),
    insightsSampleExport(new Date()),
  );
  console.log('Imported the Insights sample:', JSON.stringify(report));
  await dash.goto(`chrome-extension://${session.extensionId}/dashboard.html?tab=insights`);
  await dash.waitForFunction(() => document.querySelectorAll('.insight .uplot').length === 5);
  const file = resolve(insightsShot);
  await dash.screenshot({ path: file });
  console.log(`Insights screenshot saved to ${file}`);
}

const importShot = values['import-screenshot'];
if (importShot) {
  // The Your KB view's own import, as a reader picks files: one confirmed, the next one's summary shown.
  const dash = await session.newPage();
  await dash.setViewportSize({ width: 1200, height: 1000 });
  await dash.goto(`chrome-extension://${session.extensionId}/dashboard.html?tab=your-kb`);
  const input = dash.getByLabel('Import galaxy or bundle file');
  await input.setInputFiles(resolve('docs/examples/stix-bundle.json'));
  await dash.getByRole('button', { name: 'Confirm import' }).click();
  await dash.waitForSelector('tr[data-id="ours-glass-heron"]');
  await input.setInputFiles(resolve('docs/examples/misp-galaxy.json'));
  await dash.waitForSelector('section[aria-label="Import summary"]');
  const file = resolve(importShot);
  await dash.screenshot({ path: file, fullPage: true });
  console.log(`Import summary screenshot saved to ${file}`);
}

if (values.screenshot) {
  // Hover a name so the screenshot shows a card as well as the highlights.
  const box = await page.evaluate(() => {
    const p = document.getElementById('aliases');
    const text = p?.firstChild as Text | undefined;
    const at = text?.data.indexOf('Judgment') ?? -1;
    if (!text || at < 0) return null;
    const range = document.createRange();
    range.setStart(text, at);
    range.setEnd(text, at + 8);
    const r = range.getClientRects()[0];
    return r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
  });
  if (box) await page.mouse.move(box.x, box.y);
  await page.waitForTimeout(800);
  const file = resolve(values.screenshot);
  await page.screenshot({ path: file });
  console.log(`Screenshot saved to ${file}`);
}
const watchlistShot = values['watchlist-screenshot'];
const sightingsShot = values['sightings-screenshot'];
if (watchlistShot || sightingsShot) {
  // Watch three entities (the background keeps the settings; the dashboard asks it), then read pages naming them.
  const dash = await session.newPage();
  await dash.goto(`chrome-extension://${session.extensionId}/dashboard.html?tab=watchlist`);
  await dash.waitForSelector('#app h1');
  await dash.evaluate(() =>
    (
      globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
    ).chrome.runtime.sendMessage({
      type: 'settings:put',
      settings: { watchlist: ['apt31', 'cn-mss', 'lazarus-group'] },
    }),
  );
  for (const path of ['/demo/', '/pages/incident.html', '/pages/card.html', '/pages/frames.html']) {
    const tab = await session.newPage();
    await tab.goto(`${server.origin}${path}`);
    await tab.waitForFunction(() => performance.getEntriesByName('apt-lens:report-send').length > 0);
    await tab.close();
  }
  // The background writes each page's report in one transaction: wait until the last one is in.
  await dash.waitForFunction(
    () =>
      new Promise<boolean>((ok) => {
        const r = indexedDB.open('apt-lens-sightings');
        r.onsuccess = () => {
          const c = r.result.transaction('sightings').objectStore('sightings').count();
          c.onsuccess = () => ok(c.result >= 6);
        };
      }),
  );
  await dash.reload();
  await dash.waitForSelector('.watchlist li');
  if (watchlistShot) {
    await dash.screenshot({ path: resolve(watchlistShot) });
    console.log(`Watchlist screenshot saved to ${resolve(watchlistShot)}`);
  }
  if (sightingsShot) {
    await dash.goto(`chrome-extension://${session.extensionId}/dashboard.html?tab=sightings`);
    await dash.waitForSelector('.sighting');
    await dash.screenshot({ path: resolve(sightingsShot) });
    console.log(`Sightings screenshot saved to ${resolve(sightingsShot)}`);
  }
}

if (
  values.screenshot ||
  dashboardShot ||
  reportShot ||
  insightsShot ||
  importShot ||
  watchlistShot ||
  sightingsShot
) {
  await session.close();
  await server.close();
} else {
  console.log('Close the browser window to stop.');
  session.context.on('close', () => void server.close());
}
