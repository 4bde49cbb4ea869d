/**
 * The dashboard a reader meets every day, run once per browser on a fresh profile: the empty state says how
 * to save a first incident and offers an import; an imported row shows every tag inside its box; Escape
 * closes the edit form; a failed import never sits beside the previous import's success message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupText } from '../../../lib/backup/file';
import { makeIncident } from '../../incidents/make';
import { type ExtensionBrowser, launchBrowser, type Tab } from './driver';
import { chooseFile, click } from './incidents-suite';

const TAGS = [
  'espionage',
  'ministry',
  'czechia',
  'exchange-server',
  'phishing',
  'supply-chain',
  'critical-infrastructure',
  'a-rather-long-tag-written-by-a-busy-analyst',
];

/** In the dashboard: is every tag chip of every row inside its row, and every row inside the list's box? */
function tagsInside(): { tags: number; outside: string[] } {
  const outside: string[] = [];
  const inside = (a: DOMRect, b: DOMRect) =>
    a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
  const viewport = document.querySelector('.viewport')!.getBoundingClientRect();
  const tags = [...document.querySelectorAll('.incident .tag')];
  for (const t of tags) {
    const row = t.closest('.incident')!.getBoundingClientRect();
    const box = t.getBoundingClientRect();
    if (!inside(box, row) || !inside(box, viewport)) outside.push(t.textContent ?? '');
  }
  return { tags: tags.length, outside };
}

const appText = () => document.getElementById('app')?.textContent ?? '';
const statusText = () => document.querySelector('.status')?.textContent ?? '';
const editOpen = () => document.querySelector('form.edit') !== null;

/** The dashboard suite for one browser. */
export function dashboardSuite(name: 'chromium' | 'firefox'): void {
  let browser: ExtensionBrowser;
  let dash: Tab;

  beforeAll(async () => {
    browser = await launchBrowser(name);
    dash = await browser.openExtensionPage('dashboard.html', '#app h1');
  });

  afterAll(async () => {
    await browser?.close();
  });

  describe(`dashboard in ${name}`, () => {
    it('tells a new reader how to save a first incident, and offers an import', async () => {
      await expect.poll(() => dash.evaluate(appText, undefined)).toContain('No incidents yet');
      const empty = await dash.evaluate(
        () => document.querySelector('.empty-state')?.textContent ?? '',
        undefined,
      );
      for (const s of ['Save as incident', 'Alt+Shift+S', 'Save incident', 'Import a file'])
        expect(empty).toContain(s);
    });

    it('imports a file and shows every tag of the row inside its box', async () => {
      const file = backupText([makeIncident(1, { tags: TAGS, title: 'Breach with many tags' })], new Date());
      await dash.evaluate(chooseFile, [file, 'first.json'] as [string, string]);
      await expect.poll(() => dash.evaluate(appText, undefined)).toContain('1 new');
      await dash.evaluate(click, 'Confirm import');
      await expect.poll(() => dash.evaluate(statusText, undefined)).toContain('Imported first.json');
      await expect
        .poll(() => dash.evaluate(tagsInside, undefined))
        .toEqual({ tags: TAGS.length, outside: [] });
    });

    it('closes the edit form with Escape', async () => {
      await dash.evaluate(click, 'Edit Breach with many tags');
      await dash.waitFor(() => document.activeElement?.closest('form.edit') !== null);
      await dash.press('Escape');
      await dash.waitFor(() => document.querySelector('form.edit') === null);
      expect(await dash.evaluate(editOpen, undefined)).toBe(false);
    });

    it('shows only the latest import’s outcome in the status line', async () => {
      await dash.evaluate(chooseFile, [
        '{"format": "apt-lens.incidents", "version": 1, "incide',
        'second.json',
      ] as [string, string]);
      await expect
        .poll(() => dash.evaluate(() => document.querySelector('[role=alert]')?.textContent ?? '', undefined))
        .toContain('Import failed');
      expect(await dash.evaluate(statusText, undefined)).not.toContain('first.json');
    });

    it('logged no extension error', () => {
      expect(browser.extensionErrors()).toEqual([]);
    });
  });
}
