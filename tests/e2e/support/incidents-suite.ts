/**
 * The incidents journey, run once per browser: select a passage on a local page → open the capture form
 * (by sending the same `capture:open` message the context menu and the Alt+Shift+S command send, from an
 * extension page, because headless browsers have no context menu to click) → type tags and save with the
 * keyboard → dashboard lists it → edit → Export JSON → delete all → Import the file → identical records;
 * a malformed import shows an error and changes nothing; Export STIX 2.1 validates against the schemas.
 * Downloads are read from the Blob the dashboard hands to the browser (URL.createObjectURL), not from disk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intrusionSetId } from '../../../lib/stix/objects';
import { startServer, type TestServer } from '../../../scripts/dev/serve';
import { officialRules, platformRefusals, stixValidator } from '../../incidents/stix-validator';
import { type ExtensionBrowser, launchBrowser, type Tab } from './driver';
import { messageEveryTab, rectOfText } from './page-checks';

interface StoredIncident {
  id: string;
  title: string;
  notes: string;
  tags: string[];
  actorIds: string[];
  agencyIds: string[];
  quote: { exact: string };
  url: string;
  occurredAt?: string;
  claims?: { kind: string; claimants: { name: string; country?: string }[]; accusedId?: string }[];
}

/** In the page: selects the text of element `id`. */
function selectElement(id: string): string {
  const range = document.createRange();
  range.selectNodeContents(document.getElementById(id)!);
  const sel = getSelection()!;
  sel.removeAllRanges();
  sel.addRange(range);
  return sel.toString();
}

/** In the dashboard: clicks the button or checkbox with this accessible name (aria-label or text). */
export function click(name: string): void {
  const b = [...document.querySelectorAll<HTMLElement>('button, input[type=checkbox]')].find(
    (x) => (x.getAttribute('aria-label') ?? x.textContent?.trim()) === name,
  );
  if (!b) throw new Error(`no button "${name}"`);
  b.click();
}

/** In the dashboard: sets a field by its accessible name (aria-label or label text) the way typing does. */
export function fill([label, value]: [string, string]): void {
  const byAria = document.querySelector<HTMLInputElement>(`[aria-label="${label}"]`);
  const byLabel = [...document.querySelectorAll('label')]
    .find((l) => l.textContent?.trim().startsWith(label))
    ?.querySelector<HTMLInputElement>('input, textarea');
  const el = byAria ?? byLabel;
  if (!el) throw new Error(`no field "${label}"`);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/** In the dashboard: clicks an export button and returns the file the dashboard handed to the browser. */
async function captureDownload(name: string): Promise<{ fileName: string; text: string }> {
  let fileName = '';
  const create = URL.createObjectURL;
  const anchorClick = HTMLAnchorElement.prototype.click;
  // The download may start after an answer from the background (the JSON backup): wait for it.
  const downloaded = new Promise<Blob>((resolve) => {
    URL.createObjectURL = (b: Blob | MediaSource) => {
      resolve(b as Blob);
      return create.call(URL, b);
    };
  });
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    fileName = this.download;
  };
  try {
    [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === name)!.click();
    const blob = await downloaded;
    return { fileName, text: await blob.text() };
  } finally {
    URL.createObjectURL = create;
    HTMLAnchorElement.prototype.click = anchorClick;
  }
}

/** In the dashboard: gives the import input a file, as choosing it in the file picker does. */
export function chooseFile([text, name]: [string, string]): void {
  const input = document.querySelector<HTMLInputElement>('input[aria-label="Import file"]')!;
  const dt = new DataTransfer();
  dt.items.add(new File([text], name, { type: 'application/json' }));
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** In the dashboard: picks a file of raw bytes (a binary file) for import. */
function chooseBytes([bytes, name]: [number[], string]): void {
  const input = document.querySelector<HTMLInputElement>('input[aria-label="Import file"]')!;
  const dt = new DataTransfer();
  dt.items.add(new File([new Uint8Array(bytes)], name, { type: 'image/png' }));
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** In an extension page: every stored incident, read straight from IndexedDB, sorted by id. */
function readStore(): Promise<StoredIncident[]> {
  return new Promise((ok, fail) => {
    const req = indexedDB.open('apt-lens');
    req.onerror = () => fail(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const all = db.transaction('incidents').objectStore('incidents').getAll();
      all.onsuccess = () => {
        db.close();
        ok((all.result as StoredIncident[]).sort((a, b) => (a.id < b.id ? -1 : 1)));
      };
      all.onerror = () => fail(all.error);
    };
  });
}

const appText = () => document.getElementById('app')?.textContent ?? '';

/** The incidents suite for one browser. */
export function incidentsSuite(name: 'chromium' | 'firefox'): void {
  let server: TestServer;
  let browser: ExtensionBrowser;
  let page: Tab;
  let dash: Tab;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(name);
    // One dashboard for the whole journey: it sends the capture message and refreshes itself on writes.
    dash = await browser.openExtensionPage('dashboard.html', '#app p');
    page = await browser.openScanned(`${server.origin}/pages/incident.html`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe(`incidents in ${name}`, () => {
    let exported: { fileName: string; text: string };

    it('saves a selected passage with tags from the in-page form', async () => {
      const selected = await page.evaluate(selectElement, 'attribution');
      expect(selected).toContain('APT31');
      const answered = await dash.evaluate(messageEveryTab, { type: 'capture:open' });
      expect(answered.filter((a) => a.answer === true)).toHaveLength(1);
      // The form is the extension's own page, framed into the article (what is typed stays out of the page).
      const formText = async () =>
        (await page.frameEval('capture.html', () => document.body.textContent ?? '', undefined)) ?? '';
      await expect.poll(formText, { timeout: 5000 }).toContain('Save as incident');
      expect(await formText()).toContain('high degree of certainty');
      // The form takes focus once it has rendered; a key pressed before that would go to the page.
      await page.front();
      await expect
        .poll(() =>
          page.frameEval(
            'capture.html',
            () => (document.hasFocus() ? (document.activeElement?.localName ?? '') : ''),
            undefined,
          ),
        )
        .toBe('input');
      for (const key of [...'espionage', 'Enter', ...'ministry', 'Enter', 'Enter']) await page.press(key);
      await expect.poll(formText, { timeout: 5000 }).toContain('Incident saved.');
    });

    it('lists it in the dashboard, and edits it', async () => {
      await expect
        .poll(() => dash.evaluate(appText, undefined))
        .toContain('Czech ministry breach named on APT31');
      const [saved] = await dash.evaluate(readStore, undefined);
      expect(saved).toMatchObject({
        tags: ['espionage', 'ministry'],
        url: `${server.origin}/pages/incident.html`,
        actorIds: ['apt31'],
        agencyIds: ['cn-mss'],
      });
      expect(saved!.quote.exact).toContain('linked to China');
      // The claim is kept whole: who accused whom, recognised as a country.
      expect(saved!.claims?.[0]).toMatchObject({
        kind: 'incident',
        claimants: [{ name: 'Czech government', country: 'CZ' }],
        accusedId: 'apt31',
      });
      // The row says who attributed it.
      expect(
        await dash.evaluate(() => document.querySelector('.incident .claimant')?.textContent, undefined),
      ).toBe('By Czech government');
      await dash.evaluate(click, `Edit ${saved!.title}`);
      await dash.evaluate(fill, ['Notes', 'Checked against the NÚKIB statement.'] as [string, string]);
      // The linked entities change: NÚKIB is found by name and linked, China's ministry unlinked.
      await dash.evaluate(fill, ['Link another', 'NÚKIB'] as [string, string]);
      await dash.waitFor(() => document.querySelector('.edit .hits button') !== null);
      await dash.evaluate(
        () => document.querySelector<HTMLButtonElement>('.edit .hits button')!.click(),
        undefined,
      );
      await dash.evaluate(click, 'Unlink Ministry of State Security');
      await dash.evaluate(click, 'Save changes');
      await expect.poll(() => dash.evaluate(appText, undefined)).toContain('Incident updated.');
      const edited = (await dash.evaluate(readStore, undefined))[0]!;
      expect(edited.notes).toBe('Checked against the NÚKIB statement.');
      expect(edited.agencyIds).toEqual(['cz-nukib']);
      expect(edited.actorIds).toEqual(['apt31']);
    });

    it('paints the saved passage when the page is opened again, and the card links to the incident', async () => {
      await page.goto(`${server.origin}/pages/incident.html`);
      // The saved passage is marked privately: boxes in the closed shadow root over its lines, and nothing
      // in the page's CSS.highlights registry.
      await expect
        .poll(async () => (await page.shadowRects('apt-lens-ui', '.mark.incident')).length, {
          timeout: 10_000,
        })
        .toBeGreaterThan(0);
      const marked = await page.shadowRects('apt-lens-ui', '.mark.incident');
      const passage = await page.evaluate(rectOfText, ['attribution', 'linked to China'] as [string, string]);
      expect(
        marked.some(
          (m) =>
            m.x <= passage!.x + 1 &&
            m.x + m.width >= passage!.x + passage!.width - 1 &&
            Math.abs(m.y - passage!.y) < 2,
        ),
      ).toBe(true);
      expect(
        await page.evaluate(
          () => [...CSS.highlights.keys()].filter((k) => /incident|current/.test(k)),
          undefined,
        ),
      ).toEqual([]);
      const rect = (await page.evaluate(rectOfText, ['attribution', 'APT31'] as [string, string]))!;
      await page.mouseMove(rect.x + rect.width / 2, rect.y + rect.height / 2);
      // What the reader saved is behind the card's disclosure (the page can measure the card's box).
      await expect
        .poll(() => page.shadowText('apt-lens-ui'), { timeout: 5000 })
        .toContain('Your notes and saved passages');
      expect(await page.shadowText('apt-lens-ui')).not.toContain('Saved in');
      expect(await page.clickInShadow('apt-lens-ui', '▸ Your notes and saved passages')).toBe(true);
      await expect.poll(() => page.shadowText('apt-lens-ui'), { timeout: 5000 }).toContain('Saved in');
      const card = await page.shadowText('apt-lens-ui');
      expect(card).toContain('Czech ministry breach named on APT31');
      expect(card).toContain('Save incident');
      await page.press('Escape');
    });

    it('exports JSON, deletes all, imports the file back: identical records', async () => {
      const before = await dash.evaluate(readStore, undefined);
      exported = await dash.evaluate(captureDownload, 'Export JSON');
      expect(exported.fileName).toMatch(/^apt-lens-incidents-\d{4}-\d{2}-\d{2}\.json$/);
      expect(JSON.parse(exported.text)).toMatchObject({ format: 'apt-lens.incidents', version: 1 });

      await dash.evaluate(click, 'Select all shown');
      await dash.evaluate(click, 'Delete selected');
      await expect.poll(() => dash.evaluate(appText, undefined)).toContain('No incidents yet');
      expect(await dash.evaluate(readStore, undefined)).toEqual([]);

      await dash.evaluate(chooseFile, [exported.text, exported.fileName] as [string, string]);
      await expect.poll(() => dash.evaluate(appText, undefined)).toContain('1 new');
      await dash.evaluate(click, 'Confirm import');
      await expect.poll(() => dash.evaluate(appText, undefined)).toContain('1 added');
      expect(await dash.evaluate(readStore, undefined)).toEqual(before);
    });

    it('shows a clear error for a malformed import and changes nothing', async () => {
      const before = await dash.evaluate(readStore, undefined);
      await dash.evaluate(chooseFile, [exported.text.slice(0, exported.text.length / 2), 'broken.json'] as [
        string,
        string,
      ]);
      await expect
        .poll(() => dash.evaluate(() => document.querySelector('[role=alert]')?.textContent ?? '', undefined))
        .toMatch(
          /Import failed: The file is not valid JSON \((?:it ends too early|at line \d+, column \d+)\)\. Nothing was changed/,
        );
      // An empty file and a binary one are named as such, quoting none of their bytes.
      const alert = () =>
        dash.evaluate(() => document.querySelector('[role=alert]')?.textContent ?? '', undefined);
      await dash.evaluate(chooseFile, ['', 'empty.json'] as [string, string]);
      await expect.poll(alert).toMatch(/Import failed: The file is empty\..*Nothing was changed/);
      const png = [
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xd8,
      ];
      await dash.evaluate(chooseBytes, [png, 'picture.png'] as [number[], string]);
      await expect.poll(alert).toMatch(/Import failed: The file is not a text file .*Nothing was changed/);
      expect(await alert()).not.toMatch(/PNG|IHDR/);
      expect(await dash.evaluate(readStore, undefined)).toEqual(before);
    });

    it('exports a STIX 2.1 bundle that validates', async () => {
      const stix = await dash.evaluate(captureDownload, 'Export STIX 2.1');
      expect(stix.fileName).toMatch(/\.stix\.json$/);
      const bundle = JSON.parse(stix.text);
      const validate = stixValidator();
      expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true);
      expect(bundle.objects.map((o: { type: string }) => o.type)).toEqual(
        expect.arrayContaining(['report', 'intrusion-set', 'identity', 'relationship', 'note']),
      );
      const rules = officialRules(bundle);
      expect([...rules.errors, ...rules.warnings]).toEqual([]);
      expect(platformRefusals(bundle)).toEqual([]);
      // The claim: the Czech government as an identity, authoring a note with its words, how sure it said it
      // was, and the article; the note refers to the report and to APT31, the report to the claimant.
      type Obj = Record<string, unknown> & { type: string; id: string };
      const objects = bundle.objects as Obj[];
      const claimant = objects.find(
        (o) => o.type === 'identity' && /Czech government/i.test(String(o.name)),
      )!;
      expect(claimant).toMatchObject({ identity_class: 'organization', sectors: ['government-national'] });
      const note = objects.find((o) => o.type === 'note')!;
      const report = objects.find((o) => o.type === 'report')!;
      expect(note).toMatchObject({
        created_by_ref: claimant.id,
        confidence: 85,
        external_references: [expect.objectContaining({ url: `${server.origin}/pages/incident.html` })],
      });
      expect(note.content).toContain('high degree of certainty');
      expect(note.object_refs).toEqual(expect.arrayContaining([report.id, intrusionSetId('apt31')]));
      expect(report.object_refs).toContain(claimant.id);
    });

    it('logged no extension error', () => {
      expect(browser.extensionErrors()).toEqual([]);
    });
  });
}
