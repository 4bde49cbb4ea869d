/**
 * Importing into the reader's KB, run once per browser: the example MISP galaxy and STIX bundle (the files
 * under docs/examples/) are given to the Your KB view's import input as the file picker would, the summary
 * is checked, Confirm writes, the popup's search then finds the imported names, a page naming them shows
 * them and its STIX report (made in the popup) lists them with their sponsor. Bad files (a galaxy
 * definition instead of its clusters, a bundle whose relationship points outside it, a file over the size
 * limit) are refused with their reason and leave the overlay database as it was.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intrusionSetId, sponsorId } from '../../../lib/stix/objects';
import { startServer, type TestServer } from '../../../scripts/dev/serve';
import { stixValidator } from '../../incidents/stix-validator';
import { type ExtensionBrowser, launchBrowser, type Tab } from './driver';
import { messageEveryTab, typeInto } from './page-checks';
import { awaitDownload } from './report-suite';

const GALAXY = readFileSync('docs/examples/misp-galaxy.json', 'utf8');
const BUNDLE = readFileSync('docs/examples/stix-bundle.json', 'utf8');

/** In the dashboard: gives the overlay import input a file (`size` MB of spaces when text is empty). */
export function chooseImport([text, name, mb]: [string, string, number]): void {
  const input = document.querySelector<HTMLInputElement>('input[aria-label="Import galaxy or bundle file"]');
  if (!input) throw new Error('no overlay import input');
  const dt = new DataTransfer();
  dt.items.add(new File([mb ? ' '.repeat(mb * 1024 * 1024) : text], name, { type: 'application/json' }));
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** In the dashboard: clicks the button with this text. */
export function clickButton(name: string): void {
  const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === name);
  if (!b) throw new Error(`no button "${name}"`);
  b.click();
}

/** In an extension page: the overlay database's keys, sorted (what an import wrote). */
function readOverlayKeys(): Promise<{ entities: string[]; extensions: string[] }> {
  return new Promise((ok, fail) => {
    const req = indexedDB.open('apt-lens-overlay');
    req.onerror = () => fail(req.error);
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('entities')) {
        db.close();
        ok({ entities: [], extensions: [] });
        return;
      }
      const tx = db.transaction(['entities', 'extensions']);
      const entities = tx.objectStore('entities').getAllKeys();
      const extensions = tx.objectStore('extensions').getAllKeys();
      tx.oncomplete = () => {
        db.close();
        ok({
          entities: (entities.result as string[]).sort(),
          extensions: (extensions.result as string[]).sort(),
        });
      };
      tx.onerror = () => fail(tx.error);
    };
  });
}

/** In the dashboard: the text of the Your KB view's import section. */
export const viewText = () =>
  document.querySelector('section[aria-label="Import into your KB"]')?.textContent ?? '';
const alertText = () =>
  document.querySelector('section[aria-label="Import into your KB"] [role=alert]')?.textContent ?? '';

/** The import suite for one browser. */
export function importSuite(name: 'chromium' | 'firefox'): void {
  let server: TestServer;
  let browser: ExtensionBrowser;
  let dash: Tab;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(name);
    dash = await browser.openExtensionPage(
      'dashboard.html?tab=your-kb',
      'section[aria-label="Import into your KB"]',
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const importFile = async (text: string, fileName: string, mb = 0) =>
    dash.evaluate(chooseImport, [text, fileName, mb] as [string, string, number]);

  describe(`import into your KB in ${name}`, () => {
    it('imports the example MISP galaxy: a summary first, then Confirm writes it', async () => {
      await importFile(GALAXY, 'misp-galaxy.json');
      await expect
        .poll(() => dash.evaluate(viewText, undefined))
        .toContain('Import misp-galaxy.json into your KB?');
      const summary = await dash.evaluate(viewText, undefined);
      for (const s of [
        '2 new',
        '1 merged',
        'Copper Lantern (actor): new (ours-copper-lantern)',
        'adds ACME-CN-31 to APT31',
      ])
        expect(summary).toContain(s);
      // The dry run wrote nothing.
      expect(await dash.evaluate(readOverlayKeys, undefined)).toEqual({ entities: [], extensions: [] });
      await dash.evaluate(clickButton, 'Confirm import');
      await expect
        .poll(() => dash.evaluate(viewText, undefined))
        .toContain('Imported misp-galaxy.json into your KB: 2 new, 1 merged');
      expect(await dash.evaluate(readOverlayKeys, undefined)).toEqual({
        entities: ['ours-copper-lantern', 'ours-marsh-kestrel'],
        extensions: ['apt31'],
      });
    });

    it('imports the example STIX bundle: its agency is known, its actors are new', async () => {
      await importFile(BUNDLE, 'stix-bundle.json');
      await expect
        .poll(() => dash.evaluate(viewText, undefined))
        .toContain('Import stix-bundle.json into your KB?');
      const summary = await dash.evaluate(viewText, undefined);
      for (const s of ['2 new', '1 already known', 'Glass Heron (actor): new (ours-glass-heron)'])
        expect(summary).toContain(s);
      await dash.evaluate(clickButton, 'Confirm import');
      await expect
        .poll(() => dash.evaluate(viewText, undefined))
        .toContain('Imported stix-bundle.json into your KB: 2 new, 0 merged, 1 already known');
      expect((await dash.evaluate(readOverlayKeys, undefined)).entities).toEqual([
        'ours-copper-lantern',
        'ours-glass-heron',
        'ours-marsh-kestrel',
        'ours-tin-orchard',
      ]);
    });

    it('the popup search finds the imported names', async () => {
      const popup = await browser.openExtensionPage('popup.html', 'input[type=search]');
      const results = () =>
        popup.evaluate(() => document.querySelector('.results')?.textContent ?? '', undefined);
      for (const [query, expected] of [
        ['copper lantern', 'Copper Lantern'],
        ['lamplighter crew', 'Copper Lantern'],
        ['glass heron', 'Glass Heron'],
        ['tin orchard', 'Tin Orchard'],
        ['ACME-CN-31', 'APT31'],
      ] as const) {
        await popup.evaluate(typeInto, ['input[type=search]', query] as [string, string]);
        await expect.poll(results, { timeout: 10_000 }).toContain(expected);
      }
      await popup.close();
    });

    it('a page naming them: they are found on it, and its STIX report lists them', async () => {
      const page = await browser.openScanned(`${server.origin}/pages/import.html`);
      const finder = await browser.openExtensionPage('popup.html', 'input[type=search]');
      const named = async () => {
        const all = await finder.evaluate(messageEveryTab, { type: 'page:summary' });
        return all
          .map((t) => ({
            tabId: t.tabId,
            ids: (t.answer as { entities: { id: string }[] }).entities.map((e) => e.id),
          }))
          .find((t) => t.ids.includes('ours-glass-heron'));
      };
      await expect
        .poll(async () => (await named())?.ids, { timeout: 10_000 })
        .toEqual(expect.arrayContaining(['ours-glass-heron', 'ours-copper-lantern', 'apt31']));
      const tabId = (await named())!.tabId;
      await finder.close();
      const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`, 'input[type=search]');
      await popup.waitFor(() =>
        [...document.querySelectorAll('button')].some(
          (b) => b.textContent === 'Make a STIX report of this page',
        ),
      );
      await popup.evaluate(clickButton, 'Make a STIX report of this page');
      await popup.waitFor(
        () => document.querySelector('.report-entities [data-id="ours-glass-heron"]') !== null,
      );
      const bundle = JSON.parse((await popup.evaluate(awaitDownload, 'Download STIX report')).text);
      const validate = stixValidator();
      expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true);
      const heron = bundle.objects.find((o: { id: string }) => o.id === intrusionSetId('ours-glass-heron'));
      expect(heron).toMatchObject({
        type: 'intrusion-set',
        name: 'Glass Heron',
        aliases: ['GH-19', 'Heron Team'],
      });
      const report = bundle.objects.find((o: { type: string }) => o.type === 'report');
      expect(report.object_refs).toEqual(
        expect.arrayContaining([heron.id, intrusionSetId('ours-copper-lantern'), intrusionSetId('apt31')]),
      );
      // The sponsor the bundle gave Glass Heron (China's MSS, settled by its location) is in the report.
      const rel = bundle.objects.find(
        (o: { type: string; source_ref?: string }) => o.type === 'relationship' && o.source_ref === heron.id,
      );
      expect(rel).toMatchObject({ relationship_type: 'attributed-to', target_ref: sponsorId('cn-mss') });
      await popup.close();
      await page.close();
    });

    it('refuses a galaxy of the wrong shape with the reason, and changes nothing', async () => {
      const before = await dash.evaluate(readOverlayKeys, undefined);
      const definition = JSON.stringify({
        name: 'Threat Actor',
        namespace: 'misp',
        type: 'threat-actor',
        uuid: '698774c7-8022-42c4-917f-8d6e4f06ada3',
        version: 3,
      });
      await importFile(definition, 'threat-actor-galaxy.json');
      await expect
        .poll(() => dash.evaluate(alertText, undefined))
        .toMatch(
          /^Import failed: Not a MISP galaxy cluster file: this is a galaxy definition.*Nothing was changed\.$/,
        );
      expect(await dash.evaluate(readOverlayKeys, undefined)).toEqual(before);
    });

    it('refuses a STIX bundle with a broken reference, and changes nothing', async () => {
      const before = await dash.evaluate(readOverlayKeys, undefined);
      const bundle = JSON.parse(BUNDLE) as {
        objects: { type: string; relationship_type?: string; target_ref?: string; name?: string }[];
      };
      // Rename the actors so the file would add something if it were read, then break one relationship.
      for (const o of bundle.objects) if (o.name) o.name = `${o.name} Two`;
      const rel = bundle.objects.find((o) => o.relationship_type === 'attributed-to')!;
      rel.target_ref = 'identity--00000000-0000-4000-8000-000000000000';
      await importFile(JSON.stringify(bundle), 'broken.json');
      await expect
        .poll(() => dash.evaluate(alertText, undefined))
        .toMatch(
          /^Import failed: Broken reference: relationship relationship--[0-9a-f-]+ \(objects\[\d+\]\) has target_ref identity--00000000-0000-4000-8000-000000000000, which is not in the bundle\. Nothing was changed\.$/,
        );
      expect(await dash.evaluate(readOverlayKeys, undefined)).toEqual(before);
    });

    it('refuses a file over the size limit, and changes nothing', async () => {
      const before = await dash.evaluate(readOverlayKeys, undefined);
      await importFile('', 'huge.json', 33);
      await expect
        .poll(() => dash.evaluate(alertText, undefined))
        .toBe('Import failed: the file is too large (33.0 MB); the limit is 32 MB. Nothing was changed.');
      expect(await dash.evaluate(readOverlayKeys, undefined)).toEqual(before);
    });

    it('logged no extension error', () => {
      expect(browser.extensionErrors()).toEqual([]);
    });
  });
}
