/**
 * The page as a STIX 2.1 report, run once per browser: the demo article open in one tab, the popup (opened
 * as an extension page naming that tab) makes a report of it: the form lists what the page names with the
 * first sentence naming each → the downloaded bundle validates against the official STIX 2.1 schemas and
 * refers to exactly those entities → "Save as incident" stores it and the dashboard lists it → an actor of
 * the reader's own KB (written through the background, as the dashboard does) is found on a test page and
 * its report carries it with its alias and sponsor relationship. The download
 * is read from the link the popup hands to the browser (a data: URL), not from disk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyIdentityId, intrusionSetId, sponsorId } from '../../../lib/stix/objects';
import { startServer, type TestServer } from '../../../scripts/dev/serve';
import { officialRules, platformRefusals, stixValidator } from '../../incidents/stix-validator';
import { type ExtensionBrowser, launchBrowser, type Tab } from './driver';
import { messageEveryTab, sendToBackground, typeInto } from './page-checks';

interface SummaryEntity {
  id: string;
  kind: 'actor' | 'agency';
  name: string;
}

/** In the popup: clicks the button with this text. */
function clickButton(label: string): void {
  const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === label);
  if (!b) throw new Error(`no button "${label}"`);
  b.click();
}

/** In the popup: the link handed to the browser, once there is one (a data: URL, decoded). */
export async function awaitDownload(label: string): Promise<{ fileName: string; text: string }> {
  let href = '';
  let fileName = '';
  const anchorClick = HTMLAnchorElement.prototype.click;
  const clicked = new Promise<void>((ok) => {
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      href = this.href;
      fileName = this.download;
      ok();
    };
  });
  try {
    [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === label)!.click();
    await clicked;
  } finally {
    HTMLAnchorElement.prototype.click = anchorClick;
  }
  const prefix = 'data:application/json;charset=utf-8,';
  return { fileName, text: href.startsWith(prefix) ? decodeURIComponent(href.slice(prefix.length)) : href };
}

const appText = () => document.getElementById('app')?.textContent ?? '';

/** The page report suite for one browser. */
export function reportSuite(name: 'chromium' | 'firefox'): void {
  let server: TestServer;
  let browser: ExtensionBrowser;
  let popup: Tab;
  let onPage: SummaryEntity[];
  const note = 'Seen in the Demo Ledger; worth a look.';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(name);
    await browser.openScanned(`${server.origin}/demo/`);
    const finder = await browser.openExtensionPage('popup.html', 'input[type=search]');
    const found = await finder.evaluate(messageEveryTab, { type: 'page:summary' });
    await finder.close();
    expect(found).toHaveLength(1);
    onPage = (found[0]!.answer as { entities: SummaryEntity[] }).entities;
    expect(onPage.map((e) => e.id)).toContain('apt31');
    // Opened in a tab of its own, the popup would read itself: name the article's tab instead.
    popup = await browser.openExtensionPage(`popup.html?tab=${found[0]!.tabId}`, 'input[type=search]');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe(`page report in ${name}`, () => {
    it('lists what the page names, each with the first sentence naming it', async () => {
      await popup.waitFor(() =>
        [...document.querySelectorAll('button')].some(
          (b) => b.textContent === 'Make a STIX report of this page',
        ),
      );
      await popup.evaluate(clickButton, 'Make a STIX report of this page');
      await popup.waitFor(() => document.querySelectorAll('.report-entities li').length > 0);
      const rows = await popup.evaluate(
        () =>
          [...document.querySelectorAll('.report-entities li')].map((li) => ({
            id: li.getAttribute('data-id'),
            sentence: li.querySelector('.report-sentence')?.textContent ?? '',
            checked: li.querySelector<HTMLInputElement>('input')?.checked,
          })),
        undefined,
      );
      expect(rows.map((r) => r.id)).toEqual(onPage.map((e) => e.id));
      expect(rows.every((r) => r.checked && r.sentence.length > 0)).toBe(true);
      const apt31 = rows.find((r) => r.id === 'apt31')!;
      expect(apt31.sentence).toMatch(/APT31/);
      expect(
        await popup.evaluate(
          () => document.querySelector<HTMLInputElement>('.report-form input[name=name]')?.value,
          undefined,
        ),
      ).toBe('Prague names Beijing-backed APT31 over ministry breach — The Demo Ledger');
    });

    it('downloads a bundle that validates and refers to the page’s entities', async () => {
      await popup.evaluate(typeInto, ['.report-form textarea', note] as [string, string]);
      await popup.evaluate(typeInto, ['.report-form input[name=labels]', 'espionage, czechia'] as [
        string,
        string,
      ]);
      const file = await popup.evaluate(awaitDownload, 'Download STIX report');
      expect(file.fileName).toMatch(/^apt-lens-report-127\.0\.0\.1-\d{4}-\d{2}-\d{2}\.stix\.json$/);
      const bundle = JSON.parse(file.text);
      const validate = stixValidator();
      expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true);
      const report = bundle.objects.find((o: { type: string }) => o.type === 'report');
      expect(report).toMatchObject({
        name: 'Prague names Beijing-backed APT31 over ministry breach — The Demo Ledger',
        labels: ['espionage', 'czechia'],
        external_references: [expect.objectContaining({ url: `${server.origin}/demo/` })],
      });
      expect(report.description).toContain(note);
      expect(report.description).toMatch(/^APT31: .*APT31/m);
      // The actors, then the agencies, each in the page's order.
      const expected = [
        ...onPage.filter((e) => e.kind === 'actor').map((e) => intrusionSetId(e.id)),
        ...onPage.filter((e) => e.kind === 'agency').map((e) => agencyIdentityId(e.id)),
      ];
      expect((report.object_refs as string[]).slice(0, expected.length)).toEqual(expected);
      // APT31's sponsor is there too: the relationship, the sponsor and the agency it is.
      const rel = bundle.objects.find(
        (o: { type: string; source_ref?: string }) =>
          o.type === 'relationship' && o.source_ref === intrusionSetId('apt31'),
      );
      expect(rel).toMatchObject({ relationship_type: 'attributed-to', target_ref: sponsorId('cn-mss') });
      expect(report.object_refs).toEqual(
        expect.arrayContaining([rel.id, sponsorId('cn-mss'), agencyIdentityId('cn-mss')]),
      );
      // The official validator's rules beyond the schemas, and what OpenCTI and MISP accept.
      const rules = officialRules(bundle);
      expect([...rules.errors, ...rules.warnings]).toEqual([]);
      expect(platformRefusals(bundle)).toEqual([]);
    });

    it('saves the report as an incident that the dashboard lists', async () => {
      await popup.evaluate(clickButton, 'Save as incident');
      await expect
        .poll(() =>
          popup.evaluate(() => document.querySelector('.report [role=status]')?.textContent ?? '', undefined),
        )
        .toContain('Saved as the incident');
      const dash = await browser.openExtensionPage('dashboard.html', '#app h1');
      await expect
        .poll(() => dash.evaluate(appText, undefined), { timeout: 10_000 })
        .toContain('Prague names Beijing-backed APT31 over ministry breach');
      expect(await dash.evaluate(appText, undefined)).toContain('espionage');
    });

    it('includes the reader’s own actor, named and sponsored as their KB says', async () => {
      const now = new Date().toISOString();
      const written = await popup.evaluate(sendToBackground, {
        type: 'overlay:write',
        batch: {
          put: [
            {
              id: 'ours-unc-acme-7',
              kind: 'actor',
              name: 'UNC-ACME-7',
              aliases: [{ name: 'Storm-9999', source: 'Microsoft' }],
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
      const page = await browser.openScanned(`${server.origin}/pages/report.html`);
      const finder = await browser.openExtensionPage('popup.html', 'input[type=search]');
      // The tab follows the reader's names once the background has published them.
      await expect
        .poll(
          async () => {
            const all = await finder.evaluate(messageEveryTab, { type: 'page:summary' });
            const here = all.find((t) =>
              (t.answer as { entities: SummaryEntity[] }).entities.some((e) => e.id === 'ours-unc-acme-7'),
            );
            return here?.tabId;
          },
          { timeout: 10_000 },
        )
        .toBeTypeOf('number');
      const all = await finder.evaluate(messageEveryTab, { type: 'page:summary' });
      const tabId = all.find((t) =>
        (t.answer as { entities: SummaryEntity[] }).entities.some((e) => e.id === 'ours-unc-acme-7'),
      )!.tabId;
      await finder.close();
      const own = await browser.openExtensionPage(`popup.html?tab=${tabId}`, 'input[type=search]');
      await own.waitFor(() =>
        [...document.querySelectorAll('button')].some(
          (b) => b.textContent === 'Make a STIX report of this page',
        ),
      );
      await own.evaluate(clickButton, 'Make a STIX report of this page');
      await own.waitFor(
        () => document.querySelector('.report-entities [data-id="ours-unc-acme-7"]') !== null,
      );
      const file = await own.evaluate(awaitDownload, 'Download STIX report');
      const bundle = JSON.parse(file.text);
      const validate = stixValidator();
      expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true);
      const set = bundle.objects.find((o: { id: string }) => o.id === intrusionSetId('ours-unc-acme-7'));
      expect(set).toMatchObject({ type: 'intrusion-set', name: 'UNC-ACME-7', aliases: ['Storm-9999'] });
      const report = bundle.objects.find((o: { type: string }) => o.type === 'report');
      expect(report.object_refs).toEqual(expect.arrayContaining([intrusionSetId('apt31'), set.id]));
      expect(report.description).toMatch(/^UNC-ACME-7: .*UNC-ACME-7 sent fresh phishing/m);
      const rel = bundle.objects.find(
        (o: { type: string; source_ref?: string }) => o.type === 'relationship' && o.source_ref === set.id,
      );
      expect(rel).toMatchObject({ relationship_type: 'attributed-to', target_ref: sponsorId('cn-mss') });
      expect(report.object_refs).toContain(rel.id);
      await own.close();
      await page.close();
    });

    it('logged no extension error', () => {
      expect(browser.extensionErrors()).toEqual([]);
    });
  });
}
