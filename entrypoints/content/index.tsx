import './start-mark';
import './highlights.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CARD_CSS } from '../../components/card/card-css';
import { type CardAction, HoverPopover, type IncidentLink } from '../../components/card/HoverPopover';
import type { Incident } from '../../lib/incidents/model';
import type { EntityCardData } from '../../lib/kb/card-data';
import { findMentions } from '../../lib/match/find-mentions';
import { ClickGuard } from '../../lib/page/click-guard';
import { collectText, UI_HOST_TAG } from '../../lib/page/collect';
import { HoverTracker } from '../../lib/page/hover';
import { tracksVisibility, watchCovered } from '../../lib/page/occlusion';
import { isCertain, type PaintedMention, rangeAt } from '../../lib/page/paint';
import { MARKS_CSS, PrivateMarks } from '../../lib/page/private-marks';
import { PageScanner, yieldTask } from '../../lib/page/scanner';
import { ShadowStyles } from '../../lib/page/shadow-styles';
import { rescanOnUrlChange } from '../../lib/page/url-change';
import { type PageRequest, type PageSummary, parsePageRequest, summarize } from '../../lib/page-messages';
import { DEFAULT_SETTINGS, isPaused, type Settings, withNotOnSite } from '../../lib/settings';
import { GuardedContext } from '../../platform/guarded-context';
import { readSettingsNow, updateSettings, watchSettings } from '../../platform/settings';
import { setupCapture } from './capture';
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
    performance.mark('apt-lens:main');
    if (!('highlights' in CSS) || !document.body) return;
    const site = location.hostname;
    const host = { highlights: CSS.highlights, Highlight };
    const stored = readSettingsNow();
    // Build the matcher and read the page while storage answers; the mark tells start-up from scanning.
    findMentions('');
    performance.mark('apt-lens:matcher-ready');
    let settings: Settings = DEFAULT_SETTINGS;
    let firstScan = true;
    const shadowStyles = new ShadowStyles(highlightsCss);

    const scanner = new PageScanner({
      doc: document,
      find: findMentions,
      host,
      accept: (m) =>
        (settings.showUncertain || isCertain(m)) && !(settings.notOnSite[site] ?? []).includes(m.id),
      shadowStyles,
      // Every uninterrupted piece of work is measured, so long tasks can be found (bench:page reports them).
      onTask: (t0) => performance.measure('apt-lens:task', { start: t0 }),
      onScan: (_kind, t0) => {
        // The first measure covers everything from the script's start: settings, matcher, scan, paint.
        performance.measure('apt-lens:scan', { start: firstScan ? 'apt-lens:start' : t0 });
        firstScan = false;
      },
    });
    ctx.onInvalidated(() => scanner.stop());
    // Read the page while the settings load, in a task of its own (the script's evaluation is long enough
    // already); paint only once the settings say this site is not paused.
    await yieldTask();
    const prepared = await scanner.prepare();
    settings = await stored;
    scanner.setStyle(settings.style);
    let active = !isPaused(settings, site);
    if (active) await scanner.start(prepared);

    const cache = new Map<string, Promise<EntityCardData | null>>();
    const cardData = (id: string) => {
      let p = cache.get(id);
      if (!p) {
        p = browser.runtime.sendMessage({ type: 'kb:entity', id }) as Promise<EntityCardData | null>;
        cache.set(id, p);
      }
      return p;
    };

    let container: HTMLElement | undefined;
    const ui = await createShadowRootUi(ctx, {
      name: UI_HOST_TAG,
      position: 'inline',
      anchor: document.documentElement,
      append: 'last',
      mode: 'closed',
      css: CARD_CSS + MARKS_CSS,
      onMount(el) {
        container = el;
      },
      onRemove() {
        if (container) render(null, container);
      },
    });
    ui.mount();
    const topFrame = window === window.top;
    // Saved passages and the current mention are the reader's business: drawn in the closed shadow root,
    // beside the card's container (Preact owns that one), never in the page's CSS.highlights.
    const layer = document.createElement('div');
    layer.className = 'marks';
    // Before the card's container in tree order: the marks paint under the card, never over it.
    if (container) container.parentNode?.insertBefore(layer, container);
    const marks = new PrivateMarks(layer, window);
    ctx.onInvalidated(() => marks.clear());

    // Saved incidents' passages on this page: painted in their own style, linked from the cards.
    let saved: { incident: Incident; range: Range }[] = [];
    const paintSaved = async () => {
      if (!active || !capture) return;
      const page = collectText(document.body);
      const passages = await capture.savedPassages(page.text).catch(() => []);
      saved = passages.flatMap(({ incident, start, end }) => {
        const range = rangeAt(page, start, end, document);
        return range ? [{ incident, range }] : [];
      });
      marks.set(
        'incident',
        saved.map((x) => x.range),
      );
    };
    const capture = topFrame
      ? setupCapture(
          ctx,
          () => container,
          () => void paintSaved(),
        )
      : undefined;
    void paintSaved();
    const dashboard = browser.runtime.getURL('/dashboard.html');
    const incidentsAround = (r: Range): IncidentLink[] =>
      saved
        .filter(
          (x) =>
            x.range.compareBoundaryPoints(Range.START_TO_START, r) <= 0 &&
            x.range.compareBoundaryPoints(Range.END_TO_END, r) >= 0,
        )
        .map((x) => ({
          title: x.incident.title || x.incident.pageTitle,
          href: `${dashboard}#${x.incident.id}`,
        }));

    let keyboardOpened = false;
    /** Other spellings of the same entity that this page uses. */
    const alsoOnPage = (p: PaintedMention): string[] => {
      const seen = new Set([p.mention.text.toLowerCase(), p.mention.name.toLowerCase()]);
      const out: string[] = [];
      for (const q of scanner.mentions()) {
        const key = q.mention.text.toLowerCase();
        if (q.mention.id !== p.mention.id || seen.has(key)) continue;
        seen.add(key);
        out.push(q.mention.text);
      }
      return out;
    };
    // The card's buttons answer only real, unhurried clicks on an uncovered card (see ClickGuard).
    const occlusion = tracksVisibility(window);
    const guard = new ClickGuard(() => performance.now());
    let rerender = () => {};
    let armTimer: ReturnType<typeof setTimeout> | undefined;
    let stopWatching = () => {};
    let watched: Element | null = null;
    let freshCard = false;
    let watchedSize = '';
    /** Re-renders the card when its buttons wake up, and follows whether something covers it. */
    const followCard = (renderedReady: boolean) => {
      clearTimeout(armTimer);
      // Judged on what was rendered: the clock moved on while rendering, and a timer may fire a little early.
      const wait = guard.waitMs();
      if (!renderedReady && Number.isFinite(wait))
        armTimer = setTimeout(() => rerender(), Math.ceil(wait) + 1);
      const el = container?.querySelector('.popover') ?? null;
      // A card that grew (its data arrived) is judged again: a verdict on its loading state may not be
      // repeated by the observer if nothing it tracks changes.
      const size = el ? `${el.clientWidth}x${el.clientHeight}` : '';
      if (!occlusion || (el === watched && !freshCard && size === watchedSize)) return;
      watchedSize = size;
      // Each new card gets its own verdict: observing anew delivers a first entry within the observer's
      // 100 ms delay, well before the buttons wake.
      freshCard = false;
      stopWatching();
      watched = el;
      stopWatching = el
        ? watchCovered(window, el, (covered) => {
            guard.setCovered(covered);
            rerender();
          })
        : () => {};
    };
    ctx.onInvalidated(() => {
      clearTimeout(armTimer);
      stopWatching();
    });
    const pressed = (run: () => void) => (e: MouseEvent) => {
      if (guard.allows(e)) run();
    };
    const show = (
      p: PaintedMention | undefined,
      data: EntityCardData | null,
      candidates: { id: string; name: string; country?: string }[] = [],
    ) => {
      if (!container) return;
      rerender = () => show(p, data, candidates);
      const ready = guard.ready;
      const r = p?.range.getClientRects()[0] ?? p?.range.getBoundingClientRect();
      const actions: CardAction[] = [];
      if (p && capture) {
        const { id, name, kind } = p.mention;
        actions.push({ label: 'Save incident', run: pressed(() => capture.open([{ id, name, kind }])) });
      }
      if (p) {
        actions.push({
          label: `Not this ${p.mention.kind} on this site`,
          run: pressed(() => void updateSettings((s) => withNotOnSite(s, site, p.mention.id))),
        });
      }
      render(
        <HoverPopover
          anchor={r ? { left: r.left, top: r.top, bottom: r.bottom } : null}
          data={data}
          seenAs={p?.mention.text}
          viewport={{ width: innerWidth, height: innerHeight }}
          actions={actions}
          actionsReady={ready}
          incidents={p ? incidentsAround(p.range) : []}
          alsoOnPage={p ? alsoOnPage(p) : []}
          candidates={candidates}
          focus={keyboardOpened}
          onPointerEnter={() => tracker.setOverCard(true)}
          onPointerLeave={() => tracker.setOverCard(false)}
          onClose={() => tracker.close()}
        />,
        container,
      );
      followCard(ready);
    };
    const tracker = new HoverTracker(document, scanner.index, {
      onEnter(p) {
        guard.shown();
        freshCard = true;
        show(p, null);
        // An ambiguous name lists what else it could mean, so the card says so instead of guessing.
        const others = (p.mention.candidates ?? []).filter((id) => id !== p.mention.id).slice(0, 5);
        void Promise.all([cardData(p.mention.id), ...others.map(cardData)]).then(([data, ...rest]) => {
          const candidates = rest.flatMap((d) =>
            d ? [{ id: d.entity.id, name: d.entity.name, country: d.entity.country }] : [],
          );
          if (tracker.active === p) show(p, data ?? null, candidates);
        });
      },
      onLeave() {
        keyboardOpened = false;
        marks.set('current', []);
        show(undefined, null);
      },
    });
    // Only the reader's own pointer and keys count: a page can dispatch mousemove over any name.
    ctx.addEventListener(
      document,
      'mousemove',
      (e: MouseEvent) => {
        if (e.isTrusted) tracker.move(e.clientX, e.clientY);
      },
      { passive: true },
    );
    // A press outside the card may start a selection: no card until the button is up (the card's own
    // clicks arrive retargeted to its host element).
    const onCard = (e: Event) => (e.target as Element | null)?.localName === UI_HOST_TAG;
    ctx.addEventListener(document, 'mousedown', (e: MouseEvent) => {
      if (e.isTrusted && e.button === 0 && !onCard(e)) tracker.press();
    });
    ctx.addEventListener(document, 'mouseup', (e: MouseEvent) => {
      if (e.isTrusted && e.button === 0) tracker.release(e.clientX, e.clientY);
    });
    ctx.addEventListener(document, 'selectionchange', () => {
      if (!getSelection()?.isCollapsed) tracker.selectionExtended();
    });
    ctx.addEventListener(document, 'keydown', (e: KeyboardEvent) => {
      if (e.isTrusted && e.key === 'Escape') tracker.close();
    });
    // A single-page app's navigation: rescan when the URL really changed (a forged event changes nothing).
    const urlChanged = rescanOnUrlChange(
      () => location.href,
      async () => {
        if (active) await scanner.fullScan();
      },
    );
    const nav = (globalThis as { navigation?: EventTarget }).navigation;
    if (nav) ctx.addEventListener(nav, 'navigatesuccess', () => void urlChanged());
    else ctx.setInterval(() => void urlChanged(), 1000);

    /** Moves to a mention: scrolls it into view, marks it as current and opens its card. */
    const goTo = (p: PaintedMention) => {
      const el = p.range.startContainer.parentElement;
      el?.scrollIntoView({ block: 'center', behavior: 'instant' });
      marks.set('current', [p.range]);
      keyboardOpened = true;
      tracker.open(p);
    };
    let cursor = -1;
    const handle = (req: PageRequest): PageSummary | boolean => {
      const list = scanner.mentions();
      switch (req.type) {
        case 'page:summary':
          return {
            status: active ? 'active' : 'paused',
            site,
            entities: summarize(list.map((p) => p.mention)),
          };
        case 'page:navigate': {
          if (list.length === 0) return false;
          const at = tracker.active ? list.indexOf(tracker.active) : cursor;
          cursor = (at + req.direction + list.length) % list.length;
          goTo(list[cursor]!);
          return true;
        }
        case 'page:reveal': {
          const own = list.filter((p) => p.mention.id === req.id);
          if (own.length === 0) return false;
          const after = own.find((p) => tracker.active && list.indexOf(p) > list.indexOf(tracker.active));
          goTo(after ?? own[0]!);
          return true;
        }
      }
    };
    browser.runtime.onMessage.addListener((msg: unknown, sender) => {
      if (!topFrame) return undefined;
      // Only this extension's background and pages (never another page's content script) may ask.
      const fromExtension = !sender.tab || sender.url?.startsWith(browser.runtime.getURL('/'));
      if (sender.id !== browser.runtime.id || !fromExtension) return undefined;
      const req = parsePageRequest(msg);
      return req ? Promise.resolve(handle(req)) : undefined;
    });

    const unwatch = watchSettings((next) => {
      const prev = settings;
      settings = next;
      if (prev.style !== next.style) scanner.setStyle(next.style);
      const nowActive = !isPaused(next, site);
      if (nowActive !== active) {
        active = nowActive;
        tracker.close();
        if (active) {
          void scanner.start();
          void paintSaved();
        } else {
          scanner.stop();
          marks.clear();
        }
      } else if (
        active &&
        (prev.notOnSite[site]?.length !== next.notOnSite[site]?.length ||
          prev.showUncertain !== next.showUncertain)
      ) {
        tracker.close();
        void scanner.fullScan();
      }
    });
    ctx.onInvalidated(unwatch);
  },
});
