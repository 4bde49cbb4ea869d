/**
 * Team sharing against the real TAXII 2.1 server (medallion, `../shared/tools/taxii-server`), run once per
 * browser: the reader adds the server in the dashboard's Team server tab (a wrong password first: a clear
 * message, nothing stored), shares an incident with its claimant and the popup's page report (the
 * collection then holds objects the STIX validator accepts), syncs a collection seeded with 500 intrusion
 * sets into Your KB through the dry run and confirm (their names are painted on a served page), shares
 * while the server is stopped (a clear message, the share waits), and after a browser restart on the same
 * profile the queue goes out by itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StixLike, TaxiiClient } from '../../../lib/taxii/client';
import { startServer, type TestServer } from '../../../scripts/dev/serve';
import { officialRules, stixValidator } from '../../incidents/stix-validator';
import {
  freePort,
  PASSWORD,
  type RunningTaxii,
  SHARED,
  startTaxii,
  taxiiServerMissing,
  USER,
} from '../../taxii/server';
import { type ExtensionBrowser, launchBrowser, type Tab } from './driver';
import { messageEveryTab, readHighlights, sendToBackground, typeInto } from './page-checks';

const PRE =
  'Zor Vex Quil Brak Drev Fal Grun Hask Jor Kev Lum Mord Nix Orv Pell Rask Sorn Tev Ulv Vorn Wex Yarl Zeb Crom Thal'.split(
    ' ',
  );
const SUF =
  'beth mora dane wick holt vane rith gard lorn mesh tarn vell quist brim delk fost grim hule kast lenn'.split(
    ' ',
  );
/** The team's 500 names: "Zorbeth Kitten" … "Thallenn Kitten" (the served team.html names three). */
const teamName = (i: number) => `${PRE[i % 25]}${SUF[Math.floor(i / 25)]} Kitten`;

const intrusionSets = (): StixLike[] =>
  Array.from({ length: 500 }, (_, i) => ({
    type: 'intrusion-set',
    spec_version: '2.1',
    id: `intrusion-set--${String(i).padStart(8, '0')}-3333-4333-8333-333333333333`,
    created: '2026-11-01T00:00:00.000Z',
    modified: '2026-11-01T00:00:00.000Z',
    name: teamName(i),
  }));

/** In a page: the centre of the first enabled button with this text, or undefined. */
function buttonAt(label: string): { x: number; y: number } | undefined {
  const b = [...document.querySelectorAll('button')].find(
    (x) => x.textContent?.trim() === label && !x.disabled,
  );
  if (!b) return undefined;
  b.scrollIntoView({ block: 'center' });
  const r = b.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}

/** Clicks a button with the real mouse (a gesture the browser trusts, as a permission request needs). */
async function realClick(tab: Tab, label: string): Promise<void> {
  await tab.front();
  await tab.waitFor(
    new Function(
      `return [...document.querySelectorAll('button')].some((x) => x.textContent?.trim() === ${JSON.stringify(label)} && !x.disabled)`,
    ) as () => boolean,
    20_000,
  );
  const at = await tab.evaluate(buttonAt, label);
  if (!at) throw new Error(`no button "${label}"`);
  await tab.click(at.x, at.y);
}

/** In a page: clicks the button with this text (no gesture needed). */
function clickButton(label: string): void {
  const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === label);
  if (!b) throw new Error(`no button "${label}"`);
  b.click();
}

/** In a page: picks an option of a select, as a reader does. */
function choose([selector, value]: [string, string]): void {
  const s = document.querySelector<HTMLSelectElement>(selector)!;
  s.value = value;
  s.dispatchEvent(new Event('change', { bubbles: true }));
}

/** In the content script's closed shadow root: the boxes of the reader's own names. */
function oursBoxes(root: ShadowRoot): { x: number; y: number }[] {
  return [...root.querySelectorAll('.mark.ours')].map((e) => {
    const r = e.getBoundingClientRect();
    return { x: r.left, y: r.top };
  });
}

/** In the page: where each name's first line box is. */
function nameRects(names: string[]): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    for (const name of names) {
      const at = (n.textContent ?? '').indexOf(name);
      if (at < 0) continue;
      const r = document.createRange();
      r.setStart(n, at);
      r.setEnd(n, at + name.length);
      const box = r.getClientRects()[0];
      if (box) out.push({ x: box.left, y: box.top });
    }
  }
  return out;
}

const appText = () => document.getElementById('app')?.textContent ?? '';
const alertText = () => [...document.querySelectorAll('[role=alert]')].map((e) => e.textContent).join(' ');

/** The team sharing suite for one browser. */
export function taxiiSuite(name: 'chromium' | 'firefox'): void {
  const missing = taxiiServerMissing();
  if (missing) console.warn(`skipping the team sharing e2e in ${name}: ${missing}`);

  describe.skipIf(!!missing)(`team sharing in ${name}`, () => {
    let web: TestServer;
    let taxii: RunningTaxii;
    let port: number;
    let profile: string;
    let browser: ExtensionBrowser;
    let dash: Tab;
    const client = () =>
      new TaxiiClient({ fetch, auth: { kind: 'basic', username: USER, password: PASSWORD } });
    const collection = async () => {
      const out: StixLike[] = [];
      for await (const p of client().objects(taxii.apiRoot, SHARED)) out.push(...p.objects);
      return out;
    };
    const launch = () =>
      launchBrowser(name, undefined, {
        profile,
        // Firefox grants an optional permission asked for on a click without its doorhanger under this pref
        // (a headless browser cannot show one); the extension still asks, on the reader's click.
        firefoxPrefs: { 'extensions.webextOptionalPermissionPrompts': false },
      });

    beforeAll(async () => {
      port = await freePort();
      [web, taxii] = await Promise.all([startServer(), startTaxii({ port })]);
      await client().addObjects(taxii.apiRoot, SHARED, intrusionSets(), 1e7);
      profile = mkdtempSync(join(tmpdir(), `apt-lens-team-${name}-`));
      browser = await launch();
      await browser.allowSiteAccess('http://127.0.0.1/*');
      dash = await browser.openExtensionPage('dashboard.html?tab=team', '.team-form');
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await Promise.all([web?.close(), taxii?.stop()]);
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    it('says plainly that a wrong password is refused, and stores nothing', async () => {
      await dash.evaluate(typeInto, ['input[name=discovery]', taxii.discovery] as [string, string]);
      await dash.evaluate(choose, ['select[name=auth]', 'basic'] as [string, string]);
      await dash.evaluate(typeInto, ['input[name=username]', USER] as [string, string]);
      await dash.evaluate(typeInto, ['input[name=secret]', 'not-the-password'] as [string, string]);
      await realClick(dash, 'Look up collections');
      await dash.waitFor(
        () => /refused the credentials/.test(document.querySelector('[role=alert]')?.textContent ?? ''),
        30_000,
      );
      expect(await dash.evaluate(alertText, undefined)).toMatch(/refused the credentials \(HTTP 401/);
      expect(
        ((await dash.evaluate(sendToBackground, { type: 'team:get' })) as { server?: unknown }).server,
      ).toBeUndefined();
    });

    it('adds the server: the collections are listed with read and write shown', async () => {
      await dash.evaluate(typeInto, ['input[name=secret]', PASSWORD] as [string, string]);
      await realClick(dash, 'Look up collections');
      await dash.waitFor(
        () => document.querySelectorAll('.team-collections input[type=radio]').length === 3,
        30_000,
      );
      const text = await dash.evaluate(appText, undefined);
      expect(text).toContain('Shared reports (read and write)');
      expect(text).toContain('Team names (read only)');
      expect(text).toContain('Drop box (write only)');
      await realClick(dash, 'Add team server');
      await dash.waitFor(
        () => /Team server added/.test(document.querySelector('[role=status]')?.textContent ?? ''),
        30_000,
      );
      const state = JSON.stringify(await dash.evaluate(sendToBackground, { type: 'team:get' }));
      expect(state).toContain('Shared reports');
      // The secret never comes back to a page, and nothing is in storage.local.
      expect(state).not.toContain(PASSWORD);
      const local = await dash.evaluate(() => {
        type Api = { storage: { local: { get(k: null): Promise<object> } } };
        const g = globalThis as unknown as { browser?: Api; chrome: Api };
        return (g.browser ?? g.chrome).storage.local.get(null);
      }, undefined);
      expect(JSON.stringify(local)).not.toContain(PASSWORD);
    });

    it('shares an incident: the collection holds its report and claim, valid STIX with the claimant', async () => {
      const saved = (await dash.evaluate(sendToBackground, {
        type: 'incidents:save',
        draft: {
          title: 'Czech government blames APT31',
          url: `${web.origin}/demo/`,
          pageTitle: 'Demo',
          quote: { exact: 'The Czech government attributed the campaign to APT31.', prefix: '', suffix: '' },
          actorIds: ['apt31'],
          agencyIds: [],
          tags: ['espionage'],
          notes: '',
          attribution: { claimant: 'Czech government', confidence: 'a high degree of certainty' },
        },
      })) as { id: string };
      const incidents = await browser.openExtensionPage('dashboard.html?tab=incidents', '#app');
      await realClick(incidents, 'Share with team');
      await incidents.waitFor(
        () => /1 shared/.test(document.querySelector('[role=status]')?.textContent ?? ''),
        30_000,
      );
      await incidents.close();
      const objs = await collection();
      const report = objs.find((o) => o.type === 'report' && o.x_apt_lens_incident_id === saved.id);
      expect(report).toBeDefined();
      const claimant = objs.find((o) => o.type === 'identity' && o.name === 'Czech government');
      expect(claimant).toBeDefined();
      expect(objs.some((o) => o.type === 'note' && o.created_by_ref === claimant?.id)).toBe(true);
      const bundle = { type: 'bundle', id: 'bundle--0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6', objects: objs };
      const validate = stixValidator();
      expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true);
      expect(officialRules(bundle as never).errors).toEqual([]);
      const shares = (await dash.evaluate(sendToBackground, { type: 'team:get' })) as {
        shares: { key: string; state: string }[];
      };
      expect(shares.shares.find((s) => s.key === saved.id)?.state).toBe('shared');
    });

    it('shares the page report from the popup', async () => {
      const article = await browser.openScanned(`${web.origin}/demo/`);
      const finder = await browser.openExtensionPage('popup.html', 'input[type=search]');
      const found = await finder.evaluate(messageEveryTab, { type: 'page:summary' });
      await finder.close();
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
      await popup.waitFor(
        () => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Share with team'),
        20_000,
      );
      await popup.evaluate(clickButton, 'Share with team');
      await popup.waitFor(
        () => /1 shared/.test(document.querySelector('.notice')?.textContent ?? ''),
        30_000,
      );
      await popup.close();
      await article.close();
      const objs = await collection();
      expect(
        objs.some(
          (o) =>
            o.type === 'report' &&
            String(o.name).startsWith('Prague names Beijing-backed APT31') &&
            JSON.stringify(o.external_references).includes(`${web.origin}/demo/`),
        ),
      ).toBe(true);
    });

    it('syncs the 500 team names into Your KB after the dry run, and paints them on a page', async () => {
      await dash.evaluate(clickButton, 'Sync team names');
      await dash.waitFor(() => document.querySelector('.team-server .import') !== null, 60_000);
      // The 500 team names are new; what this reader shared before (APT31, its sponsor) is already known.
      const summary = await dash.evaluate(appText, undefined);
      expect(Number(/(\d+) new/.exec(summary)?.[1])).toBeGreaterThanOrEqual(500);
      expect(summary).toContain('Thallenn Kitten');
      await dash.evaluate(clickButton, 'Confirm import');
      await dash.waitFor(
        () => /Synced the team's names/.test(document.querySelector('[role=status]')?.textContent ?? ''),
        60_000,
      );
      const page = await browser.openScanned(`${web.origin}/pages/team.html`);
      // Your KB's names are painted in the private layer (never in CSS.highlights): one box on each name.
      const names = ['Zorbeth Kitten', 'Nixtarn Kitten', 'Thallenn Kitten'];
      await expect
        .poll(async () => (await page.shadowEval('apt-lens-ui', oursBoxes, undefined))?.length ?? 0, {
          timeout: 20_000,
        })
        .toBeGreaterThanOrEqual(3);
      const boxes = (await page.shadowEval('apt-lens-ui', oursBoxes, undefined))!;
      const spots = await page.evaluate(nameRects, names);
      for (const spot of spots)
        expect(boxes.some((b) => Math.abs(b.x - spot.x) < 2 && Math.abs(b.y - spot.y) < 2)).toBe(true);
      const publicNames = Object.values(await page.evaluate(readHighlights, undefined)).flat();
      for (const n of names) expect(publicNames).not.toContain(n);
      await page.close();
    });

    it('keeps a share made while the server is stopped, says why, and sends it after a browser restart', async () => {
      await taxii.stop();
      const saved = (await dash.evaluate(sendToBackground, {
        type: 'incidents:save',
        draft: {
          title: 'Shared while the server was down',
          url: `${web.origin}/pages/team.html`,
          pageTitle: 'Team',
          quote: { exact: 'Zorbeth Kitten breached a ministry.', prefix: '', suffix: '' },
          actorIds: [],
          agencyIds: [],
          tags: [],
          notes: '',
        },
      })) as { id: string };
      const out = (await dash.evaluate(sendToBackground, { type: 'team:share', ids: [saved.id] })) as {
        pending: number;
        failures: { kind: string; message: string }[];
      };
      expect(out.pending).toBe(1);
      expect(out.failures[0]).toMatchObject({
        kind: 'down',
        message: expect.stringMatching(/cannot be reached/),
      });
      // The Team server tab shows the waiting share and why.
      await dash.waitFor(
        () =>
          /waiting — The team server cannot be reached/.test(
            document.querySelector('.team-shares')?.textContent ?? '',
          ),
        20_000,
      );

      await browser.close();
      taxii = await startTaxii({ port });
      browser = await launch();
      dash = await browser.openExtensionPage('dashboard.html?tab=team', '.team-server');
      await expect
        .poll(
          async () =>
            ((await dash.evaluate(sendToBackground, { type: 'team:get' })) as { pending: number }).pending,
          {
            timeout: 30_000,
          },
        )
        .toBe(0);
      const objs = await collection();
      expect(objs.some((o) => o.type === 'report' && o.x_apt_lens_incident_id === saved.id)).toBe(true);
    });
  });
}
