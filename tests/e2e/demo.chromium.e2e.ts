import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shadowText } from './support/cdp';
import { type ChromiumSession, launchChromium } from './support/chromium';
import { ACTOR_TINT, AGENCY_TINT, DEMO_EXPECTED } from './support/demo';
import {
  bodyMatchesSource,
  readHighlights,
  rectOfText,
  scanMeasures,
  shareOfColour,
} from './support/page-checks';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let session: ChromiumSession;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  session = await launchChromium();
  page = await session.newPage();
  await page.goto(`${server.origin}/demo/`);
  await page.waitForFunction(() => performance.getEntriesByName('apt-lens:scan').length > 0);
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function tintShare(id: string, text: string, tint: [number, number, number]): Promise<number> {
  const rect = await page.evaluate(rectOfText, [id, text] as [string, string]);
  expect(rect, `${text} is on the page`).not.toBeNull();
  const png = await page.screenshot({ clip: rect! });
  return page.evaluate(shareOfColour, [png.toString('base64'), tint, 12] as [
    string,
    [number, number, number],
    number,
  ]);
}

describe('demo page in Chromium', () => {
  it('registers every expected name under apt-lens highlights, and no trap word', async () => {
    const h = await page.evaluate(readHighlights);
    for (const name of DEMO_EXPECTED.actor) expect(h['apt-lens-actor']).toContain(name);
    for (const name of DEMO_EXPECTED.agency) expect(h['apt-lens-agency']).toContain(name);
    const all = Object.values(h)
      .flat()
      .map((t) => t.toLowerCase());
    for (const word of DEMO_EXPECTED.never) expect(all).not.toContain(word);
    expect(await page.evaluate(scanMeasures)).toHaveLength(1);
  });

  it('paints the names: their pixels carry the highlight tint', async () => {
    expect(await tintShare('lede', 'APT31', ACTOR_TINT)).toBeGreaterThan(0.25);
    expect(await tintShare('nukib', 'NÚKIB', AGENCY_TINT)).toBeGreaterThan(0.25);
    expect(await tintShare('traps', 'nickel', ACTOR_TINT)).toBe(0);
  });

  it('shows the card on hover with the actor, its aliases and its sponsor', async () => {
    const rect = (await page.evaluate(rectOfText, ['aliases', 'Judgment Panda'] as [string, string]))!;
    await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2);
    await expect.poll(() => shadowText(page, 'apt-lens-ui'), { timeout: 5000 }).toContain('Violet Typhoon');
    const text = await shadowText(page, 'apt-lens-ui');
    expect(text).toContain('APT31');
    expect(text).toContain('CrowdStrike');
    expect(text).toContain('Ministry of State Security');
    await page.keyboard.press('Escape');
    await expect.poll(() => shadowText(page, 'apt-lens-ui')).not.toContain('Violet Typhoon');
  });

  it('leaves the body byte-identical to the source, with the UI host outside <body>', async () => {
    const check = await page.evaluate(bodyMatchesSource);
    expect(check.same).toBe(true);
    expect(await page.evaluate(() => document.querySelector('html > apt-lens-ui') !== null)).toBe(true);
  });

  it('renders the popup and the dashboard', async () => {
    const popup = await session.newPage();
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await popup.getByRole('searchbox', { name: 'Search actors and agencies' }).fill('judgment');
    await expect.poll(() => popup.locator('.results li').first().textContent()).toContain('APT31');
    const dash = await session.newPage();
    await dash.goto(`chrome-extension://${session.extensionId}/dashboard.html`);
    await expect.poll(() => dash.locator('#app').textContent()).toContain('No incidents yet');
    await popup.close();
    await dash.close();
  });

  it('logged no extension error', () => {
    expect(session.extensionErrors).toEqual([]);
  });
});
