/**
 * The page's second stage, wired to the browser: the matcher (bundled names and the reader's own), the
 * session that paints and follows the page, its card in a closed shadow root and the capture form. The first
 * stage (entrypoints/content/) loads this only in frames whose text may hold a name (lib/match/prefilter.ts).
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { CARD_CSS } from '../components/card/card-css';
import { createPageCard } from '../components/card/page-card';
import highlightsCss from '../entrypoints/content/highlights.css?inline';
import { findMentions } from '../lib/match/find-mentions';
import type { Mention } from '../lib/match/types';
import { findWithOverlay } from '../lib/overlay/matcher';
import { startPage } from '../lib/page/app';
import { CAPTURE_FRAME_CSS, type Capture, setupCapture } from '../lib/page/capture';
import { cardActions } from '../lib/page/card-actions';
import { UI_HOST_TAG } from '../lib/page/collect';
import { MARKS_CSS } from '../lib/page/private-marks';
import { PageSession } from '../lib/page/session';
import { ShadowStyles } from '../lib/page/shadow-styles';
import { rescanOnUrlChange } from '../lib/page/url-change';
import { yieldTask } from '../lib/page/yield-task';
import { parsePageRequest } from '../lib/protocol/page';
import type { Settings } from '../lib/settings';
import { send } from './messaging';
import { readOverlayMatcherNow, watchOverlayMatcher } from './overlay';
import { notOnThisSite, setWatched, watchSettings } from './page-settings';
import { sendSightingsReport } from './sightings-report';
import { mark, measure } from './timing';

/** What the first stage hands over: its context (the one signal), the settings request under way. */
export interface PageHandoff {
  ctx: ContentScriptContext;
  settings: Promise<Settings>;
  topFrame: boolean;
}

/** The running page, as the first stage forwards the popup's and keyboard's requests to it. */
export interface PageApp {
  /** Answers a page request from the extension (checked for shape here); undefined for anything else. */
  handle(msg: unknown): unknown;
}

/** Starts the page's session; its requests are answered from the start (before the first scan, as paused). */
export function runPage({ ctx, settings: stored, topFrame }: PageHandoff): PageApp {
  const { signal } = ctx;
  const site = location.hostname;
  // The reader's own names (built by the background), painted only in the private layer.
  let current = findWithOverlay(undefined);
  const oursLoaded = readOverlayMatcherNow().then((tables) => {
    current = findWithOverlay(tables);
  });
  // Build the matcher while storage answers; the mark tells start-up from scanning.
  findMentions('');
  mark('apt-lens:matcher-ready');
  let settings: Settings | undefined;
  void stored.then((s) => {
    settings ??= s;
  });
  const apply = (next: Settings) => {
    settings = next;
    session.applySettings(next);
  };
  let container: HTMLElement | undefined;
  const capture: Capture | undefined = topFrame
    ? setupCapture({
        doc: document,
        signal,
        uiContainer: () => container,
        find: (text, options) => current(text, options),
        pageMentions: (): Mention[] => session.scanner.mentions().map((p) => p.mention),
        formUrl: () => browser.runtime.getURL('/capture.html'),
        origin: new URL(browser.runtime.getURL('/')).origin,
        incidentsForPage: (url) => send({ type: 'incidents:for-page', url }),
        onSaved: () => session.refreshSaved(),
      })
    : undefined;
  const card = createPageCard({
    container: () => container,
    cardData: (id) => send({ type: 'kb:entity', id }),
    actions: (p) =>
      cardActions(
        {
          capture,
          settings: () => settings,
          setWatched,
          notOnThisSite,
          applied: (next) => {
            apply(next);
            card.refresh();
          },
          closeCard: () => session.hover.close(),
        },
        p,
      ),
    incidentHref: (id) => `${browser.runtime.getURL('/dashboard.html')}#${id}`,
    onPointerOver: (over) => session.hover.setOverCard(over),
    onClose: () => session.hover.close(),
    viewport: () => ({ width: innerWidth, height: innerHeight }),
    win: window,
    now: () => performance.now(),
  });
  let firstScan = true;
  const session: PageSession = new PageSession({
    doc: document,
    site,
    signal,
    find: (text, options) => current(text, options),
    host: { highlights: CSS.highlights, Highlight },
    shadowStyles: new ShadowStyles(highlightsCss),
    passages: capture?.savedPassages,
    openCapture: capture?.open,
    card,
    // The top frame speaks for its page: the toolbar badge and the sightings are per tab.
    report: topFrame ? (r) => sendSightingsReport(r, signal) : undefined,
    onReport: (t0) => measure('apt-lens:report', t0),
    scanner: {
      beforeMatching: () => oursLoaded,
      // Every uninterrupted piece of work is measured, so long tasks can be found (bench:page).
      onTask: (t0) => measure('apt-lens:task', t0),
      // The first measure covers everything from the script's start: settings, matcher, scan, paint.
      onScan: (_kind, t0) => {
        measure('apt-lens:scan', firstScan ? 'apt-lens:start' : t0);
        firstScan = false;
      },
    },
  });
  // A single-page app's navigation: a new article when the URL really changed (a forged event changes nothing).
  const urlChanged = rescanOnUrlChange(
    () => location.href,
    () => session.navigated(),
  );
  void startPage({
    signal,
    session,
    win: window,
    settings: stored,
    beforeReading: yieldTask,
    mountUi: async () => {
      const ui = await createShadowRootUi(ctx, {
        name: UI_HOST_TAG,
        position: 'inline',
        anchor: document.documentElement,
        append: 'last',
        mode: 'closed',
        css: CARD_CSS + MARKS_CSS + CAPTURE_FRAME_CSS,
        onMount: (el) => {
          container = el;
        },
        onRemove: () => card.unmount(),
      });
      ui.mount();
      // The reader's marks are drawn beside the card's container (Preact owns that one), before it in tree
      // order so they paint under the card, never in the page's CSS.highlights.
      const layer = document.createElement('div');
      layer.className = 'marks';
      container?.parentNode?.insertBefore(layer, container);
      return { layer, remove: () => ui.remove() };
    },
    follow: [
      () => watchSettings(apply),
      () =>
        watchOverlayMatcher((tables) => {
          current = findWithOverlay(tables);
          session.refreshNames();
        }),
      () => {
        const nav = (globalThis as { navigation?: EventTarget }).navigation;
        if (nav) {
          const off = new AbortController();
          nav.addEventListener('navigatesuccess', () => void urlChanged(), { signal: off.signal });
          return () => off.abort();
        }
        const timer = setInterval(() => void urlChanged(), 1000);
        return () => clearInterval(timer);
      },
    ],
  });
  return {
    handle: (msg) => {
      const req = parsePageRequest(msg);
      return req ? session.handle(req) : undefined;
    },
  };
}
