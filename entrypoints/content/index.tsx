import './start-mark';
import './highlights.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { findMentions } from '../../lib/match/find-mentions';
import type { Mention } from '../../lib/match/types';
import { findWithOverlay } from '../../lib/overlay/matcher';
import { yieldTask } from '../../lib/page/scanner';
import { PageSession } from '../../lib/page/session';
import { ShadowStyles } from '../../lib/page/shadow-styles';
import { rescanOnUrlChange } from '../../lib/page/url-change';
import type { Settings } from '../../lib/settings';
import { GuardedContext } from '../../platform/guarded-context';
import { readOverlayMatcherNow, watchOverlayMatcher } from '../../platform/overlay';
import { answerPageRequests } from '../../platform/page-requests';
import { readSettingsNow, watchSettings } from '../../platform/page-settings';
import { sendSightingsReport } from '../../platform/sightings-report';
import { mark, measure } from '../../platform/timing';
import { setupCapture } from './capture';
import { pageUi } from './card';
import highlightsCss from './highlights.css?inline';

export default defineContentScript({
  matches: ['<all_urls>'],
  // Every frame paints its own text (a Highlight paints only in its own document); only the top frame
  // answers the popup and the keyboard, and hosts the capture form.
  allFrames: true,
  runAt: 'document_idle',
  // WXT's "started" message would tell every window the extension's id; GuardedContext replaces it.
  noScriptStartedPostMessage: true,
  async main() {
    // WXT's own context (main's argument) stops on an event any page can forge: nothing is tied to it.
    const ctx = new GuardedContext('content');
    // Everything before this mark is the script's own evaluation (bench:page reports it apart).
    mark('apt-lens:main');
    if (!('highlights' in CSS) || !document.body) return;
    const site = location.hostname;
    const topFrame = window === window.top;
    const stored = readSettingsNow();
    // The reader's own names (built by the background), painted only in the private layer.
    let current = findWithOverlay(undefined);
    const oursLoaded = readOverlayMatcherNow().then((tables) => {
      current = findWithOverlay(tables);
    });
    const find = (text: string, options?: Parameters<typeof findMentions>[1]): Mention[] =>
      current(text, options);
    let settings: Settings | undefined;
    // Build the matcher while storage answers; the mark tells start-up from scanning.
    findMentions('');
    mark('apt-lens:matcher-ready');
    const ui = pageUi(
      ctx,
      site,
      () => session.hover,
      () => capture,
      {
        now: () => settings,
        apply: (next) => {
          settings = next;
          session.applySettings(next);
        },
      },
    );
    const capture = topFrame ? setupCapture(ctx, ui.container, () => session.refreshSaved()) : undefined;
    let firstScan = true;
    const session = new PageSession({
      doc: document,
      site,
      find,
      host: { highlights: CSS.highlights, Highlight },
      shadowStyles: new ShadowStyles(highlightsCss),
      passages: capture?.savedPassages,
      openCapture: capture?.open,
      card: ui.card,
      marks: ui.marks,
      // The top frame speaks for its page: the toolbar badge and the sightings are per tab.
      report: topFrame ? sendSightingsReport : undefined,
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
    ctx.onInvalidated(() => session.destroy());
    // Read the page in a task of its own (the script's evaluation is long enough already).
    void stored.then((s) => {
      settings ??= s;
    });
    await session.start(stored, yieldTask);
    await ui.mount();
    session.refreshSaved(); // the marks layer exists now

    if (topFrame) answerPageRequests(ctx, (req) => session.handle(req));
    ctx.onInvalidated(
      watchSettings((s) => {
        settings = s;
        session.applySettings(s);
      }),
    );
    ctx.onInvalidated(
      watchOverlayMatcher((tables) => {
        current = findWithOverlay(tables);
        session.refreshNames();
      }),
    );
    // A single-page app's navigation: a new article when the URL really changed (a forged event changes nothing).
    const urlChanged = rescanOnUrlChange(
      () => location.href,
      () => session.navigated(),
    );
    const nav = (globalThis as { navigation?: EventTarget }).navigation;
    if (nav) ctx.addEventListener(nav, 'navigatesuccess', () => void urlChanged());
    else ctx.setInterval(() => void urlChanged(), 1000);
  },
});
