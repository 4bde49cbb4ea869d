import { render } from 'preact';
import { browser } from 'wxt/browser';
import { CARD_CSS } from '../../components/card/card-css';
import type { PageClient } from '../../components/popup/PageSummary';
import { Popup, type PopupApi } from '../../components/popup/Popup';
import manifest from '../../data/kb/manifest.json';
import { lazyOpen } from '../../lib/lazy-open';
import type { PageRequest, PageResponseOf } from '../../lib/protocol';
import { askTab, send } from '../../platform/messaging';
import { readSettings, updateSettings, watchSettings } from '../../platform/settings';

// The bench splits opening time here: before, the browser loads and evaluates the modules; after, we render.
performance.mark('apt-lens:popup-script');

/**
 * The tab the popup speaks to: the active tab, or `?tab=<id>` when given. Tests open popup.html in a
 * tab of its own (which then is the active tab), so they name the page's tab this way.
 */
async function targetTab(): Promise<number | undefined> {
  const param = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(param) && param > 0) return param;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

const tabId = targetTab();

/** Sends a request to the tab's content script; undefined when none answers. */
async function ask<R extends PageRequest>(req: R): Promise<PageResponseOf[R['type']] | undefined> {
  const id = await tabId;
  if (id === undefined) return undefined;
  return askTab(id, req).catch(() => undefined);
}

const page: PageClient = {
  summary: () => ask({ type: 'page:summary' }),
  reveal: async (id) => (await ask({ type: 'page:reveal', id })) === true,
  async read() {
    const id = await tabId;
    if (id === undefined) return false;
    try {
      // The activeTab grant (the user opened the popup on this tab) is what allows this without host access.
      await browser.scripting.insertCSS({ target: { tabId: id }, files: ['/content-scripts/content.css'] });
      await browser.scripting.executeScript({
        target: { tabId: id },
        files: ['/content-scripts/content.js'],
      });
      return true;
    } catch {
      return false;
    }
  },
};

// Only the detail view needs the store: its code loads then, not while the popup opens.
const incidentsDb = lazyOpen(async () => (await import('../../lib/incidents/db')).openIncidentsDb());

/**
 * Hands a file to the browser's downloads as a data: URL. A blob: URL dies with the popup's document, and
 * Firefox closes the popup when it asks where to save: the download would then find nothing.
 */
function download(fileName: string, text: string): void {
  const a = document.createElement('a');
  a.href = `data:application/json;charset=utf-8,${encodeURIComponent(text)}`;
  a.download = fileName;
  a.click();
}

/** The bundled KB with the reader's own entities and names over it (just the KB when those cannot be read). */
async function overlayLookup() {
  const [{ openOverlayDb, readOverlay }, { OverlayLookup }] = await Promise.all([
    import('../../lib/overlay/db'),
    import('../../lib/overlay/lookup'),
  ]);
  try {
    const db = await openOverlayDb();
    const { overlay } = await readOverlay(db);
    db.close();
    return new OverlayLookup(overlay);
  } catch {
    return new OverlayLookup();
  }
}

const report: PopupApi['report'] = {
  async source() {
    // The shape check (valibot) loads only when a report is made, not when the popup opens.
    const [raw, { parsePageReportSource }] = await Promise.all([
      ask({ type: 'page:report' }),
      import('../../lib/protocol/page'),
    ]);
    return parsePageReportSource(raw);
  },
  async download(input) {
    // The report builder brings the KB's data: it loads when a report is made, not when the popup opens.
    const [{ pageReportBundle }, { reportFileName }, lookup] = await Promise.all([
      import('../../lib/stix/page-report'),
      import('../../lib/stix/page-report-input'),
      overlayLookup(),
    ]);
    const now = new Date();
    const fileName = reportFileName(input.source, now);
    download(
      fileName,
      JSON.stringify(
        pageReportBundle(input, now, {}, (id) => lookup.entity(id)),
        null,
        2,
      ),
    );
    return fileName;
  },
  save: async (draft) => void (await send({ type: 'incidents:save', draft })),
  // Team sharing: the background builds the same bundle as the download and sends it to the team server.
  teamReady: async () => !!(await send({ type: 'team:get' })).server?.canWrite,
  async share(input) {
    const [out, { shareSummary }] = await Promise.all([
      send({ type: 'team:share-report', input }),
      import('../../lib/taxii/model'),
    ]);
    return shareSummary(out);
  },
  today() {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  },
};

const api: PopupApi = {
  loadKb: () => import('./kb').then((m) => m.createPopupKb()),
  page,
  report,
  settings: { read: readSettings, update: updateSettings, watch: watchSettings },
  async incidents(kind, id) {
    try {
      const [db, { incidentsMentioning }] = await Promise.all([
        incidentsDb(),
        import('../../lib/incidents/mentioning'),
      ]);
      return await incidentsMentioning(db, kind, id);
    } catch {
      return undefined;
    }
  },
  openDashboard: () => void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') }),
  kbVersion: { version: manifest.version, newestFact: manifest.newestFact },
  onInteractive: () => performance.mark('apt-lens:popup-interactive'),
  onSearchReady: () => performance.mark('apt-lens:search-ready'),
};

// The card's own styles, shared with the in-page card (which gets them inside its shadow root).
const style = document.createElement('style');
style.textContent = CARD_CSS;
document.head.append(style);
render(<Popup api={api} />, document.getElementById('app')!);
