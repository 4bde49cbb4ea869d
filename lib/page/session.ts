/**
 * The one owner of a document's APT Lens state. A session is made of parts that each undo what they did
 * on `destroy()`: the scanner (name highlights, its observer), the saved-passage painter, the hover
 * tracker (its listeners and timers) and the mention navigator (the `current` mark). It answers the page
 * messages, follows the reader's settings, and on an in-app navigation forgets the previous article's
 * evidence before reading the new one. The content script only wires the browser to it.
 */
import type { Incident } from '../incidents/model';
import {
  type PageReportSource,
  type PageRequest,
  type PageResponseOf,
  type PageSummary,
  summarize,
} from '../protocol/page';
import { isPaused, type Settings } from '../settings';
import { UI_HOST_TAG } from './collect';
import { type HoverTiming, HoverTracker } from './hover';
import { MarkLayer } from './mark-layer';
import { MentionNavigator } from './navigator';
import { type HighlightHost, isCertain, type PaintedMention } from './paint';
import { reportSource } from './report-source';
import { type MarkSink, type PassageSource, SavedPassages } from './saved-passages';
import { type FindFn, PageScanner, type ScannerOptions } from './scanner';
import type { ShadowStyles } from './shadow-styles';
import { type ReportedEntity, reportedEntities, reportsUnder } from './sighting-report';

/** The card, as the session drives it (its UI lives in components/). */
export interface CardView {
  /** Shows the card for a mention; `focus` when the keyboard opened it. */
  open(p: PaintedMention, about: { incidents: Incident[]; alsoOnPage: string[]; focus: boolean }): void;
  close(): void;
}

/** What a session is given: the document and the browser pieces, so tests can supply fakes. */
export interface SessionOptions {
  doc: Document;
  /** The page's host name (pauses and "not this actor" choices are per site). */
  site: string;
  find: FindFn;
  host: HighlightHost;
  shadowStyles?: ShadowStyles;
  /** This page's saved passages; absent in frames that do not show them. */
  passages?: PassageSource;
  /**
   * Where saved passages and the current mention are marked; default: the session's own `MarkLayer`, drawn
   * privately in the card's shadow root once `attachMarks` gives it a layer.
   */
  marks?: MarkSink;
  /** Stops the session when aborted (the content script's context): every listener is tied to it. */
  signal?: AbortSignal;
  card?: CardView;
  /** Opens the "Save as incident" form (`capture:open`); absent where there is none (inner frames). */
  openCapture?: () => void;
  /** Which input events count: the reader's own (a page can dispatch events over any name). */
  isTrusted?: (e: Event) => boolean;
  /** Scanner options beyond the above (measures, slicing, scheduling in tests). */
  scanner?: Partial<ScannerOptions>;
  /** How long the pointer rests on a name before its card opens, and lingers away before it closes. */
  hoverTiming?: HoverTiming;
  /**
   * Tells the background what the page names (the badge, sightings): once per page view after its first
   * scan (`visit`), again when the watchlist changes or later text names more. Absent in inner frames.
   */
  report?: (r: { visit: boolean; entities: ReportedEntity[] }) => void;
  /** Called after each report is built with when that started (bench:sightings measures the page's cost). */
  onReport?: (start: number) => void;
}

/** A document's APT Lens state and behaviour, from first scan to teardown. */
export class PageSession {
  readonly scanner: PageScanner;
  readonly saved: SavedPassages | undefined;
  readonly hover: HoverTracker;
  readonly navigator: MentionNavigator;
  private settings: Settings | undefined;
  private active = false;
  private keyboardOpened = false;
  private destroyed = false;
  /** Aborted on `destroy()` (and with the session's signal): every listener the session adds is tied to it. */
  private readonly life = new AbortController();
  /** The next scan's report is a new visit (a load or an in-app navigation). */
  private visitPending = false;
  /** Ids in the last report, so a later scan reports again only when the page names more. */
  private reported = new Set<string>();
  private readonly marks: MarkSink;
  private readonly layer: MarkLayer | undefined;

  constructor(private readonly o: SessionOptions) {
    this.layer = o.marks ? undefined : new MarkLayer();
    const marks: MarkSink = o.marks ?? this.layer!;
    this.marks = marks;
    const onScan = o.scanner?.onScan;
    this.scanner = new PageScanner({
      doc: o.doc,
      find: o.find,
      host: o.host,
      shadowStyles: o.shadowStyles,
      paintOurs: (ranges) => marks.set('ours', ranges),
      accept: (m) => {
        const s = this.settings;
        return !s || ((s.showUncertain || isCertain(m)) && !(s.notOnSite[o.site] ?? []).includes(m.id));
      },
      ...o.scanner,
      signal: this.life.signal,
      onScan: (kind, t0) => {
        onScan?.(kind, t0);
        this.scanned();
      },
    });
    this.saved = o.passages ? new SavedPassages(o.doc, marks, o.passages) : undefined;
    this.navigator = new MentionNavigator(marks);
    this.hover = new HoverTracker(
      o.doc,
      this.scanner.index,
      {
        onEnter: (p) =>
          o.card?.open(p, {
            incidents: this.saved?.around(p.range) ?? [],
            alsoOnPage: this.alsoOnPage(p),
            focus: this.keyboardOpened,
          }),
        onLeave: () => {
          this.keyboardOpened = false;
          this.navigator.unmark();
          o.card?.close();
        },
      },
      o.hoverTiming,
    );
    const trusted = o.isTrusted ?? ((e: Event) => e.isTrusted);
    this.listen(o.doc, 'mousemove', (e) => {
      if (trusted(e)) this.hover.move((e as MouseEvent).clientX, (e as MouseEvent).clientY);
    });
    // A press outside the card may start a selection: no card until the button is up (the card's own
    // clicks arrive retargeted to its host element).
    const onCard = (e: Event) => (e.target as Element | null)?.localName === UI_HOST_TAG;
    this.listen(o.doc, 'mousedown', (e) => {
      if (trusted(e) && (e as MouseEvent).button === 0 && !onCard(e)) this.hover.press();
    });
    this.listen(o.doc, 'mouseup', (e) => {
      const m = e as MouseEvent;
      if (trusted(e) && m.button === 0) this.hover.release(m.clientX, m.clientY);
    });
    this.listen(o.doc, 'selectionchange', () => {
      if (!o.doc.getSelection()?.isCollapsed) this.hover.selectionExtended();
    });
    this.listen(o.doc, 'keydown', (e) => {
      if (trusted(e) && (e as KeyboardEvent).key === 'Escape') this.hover.close();
    });
    // A context already stopped never tells its listeners again: check it, then follow it.
    if (o.signal?.aborted) this.destroy();
    else o.signal?.addEventListener('abort', () => this.destroy(), { once: true, signal: this.life.signal });
  }

  /** Whether names are painted (the site is not paused). */
  get isActive(): boolean {
    return this.active;
  }

  /**
   * The first scan: reads the page while the settings load, then paints unless this site is paused.
   * `beforeReading` lets the browser finish the script's own task first.
   */
  async start(settings: Promise<Settings>, beforeReading?: () => Promise<void>): Promise<void> {
    await beforeReading?.();
    if (this.destroyed) return;
    const prepared = await this.scanner.prepare();
    const s = await settings;
    if (this.destroyed || !prepared) return;
    this.settings = s;
    this.scanner.setStyle(s.style);
    this.active = !isPaused(s, this.o.site);
    if (!this.active) return;
    this.visitPending = true;
    await this.scanner.start(prepared);
    void this.saved?.refresh();
  }

  /** Follows a settings change: pause or resume, restyle, or rescan when what may be painted changed. */
  applySettings(next: Settings): void {
    if (this.destroyed) return;
    const prev = this.settings;
    this.settings = next;
    if (prev?.style !== next.style) this.scanner.setStyle(next.style);
    const active = !isPaused(next, this.o.site);
    const following = prev?.sightings !== next.sightings || prev?.watchlist.join() !== next.watchlist.join();
    if (active !== this.active) {
      this.active = active;
      this.hover.close();
      if (active) {
        void this.scanner.start();
        void this.saved?.refresh();
      } else {
        this.scanner.stop();
        this.saved?.clear();
        this.navigator.reset();
        this.marks.set('watched', []);
        this.marks.set('cover', []);
        // A paused page names nothing: the badge goes.
        this.reported.clear();
        this.o.report?.({ visit: false, entities: [] });
      }
      return;
    }
    if (active && following) {
      this.markWatched();
      this.sendReport(false);
    }
    if (
      active &&
      (prev?.notOnSite[this.o.site]?.length !== next.notOnSite[this.o.site]?.length ||
        prev?.showUncertain !== next.showUncertain)
    ) {
      this.hover.close();
      void this.scanner.fullScan();
    }
  }

  /** An in-app navigation showed another article: forget the last one's evidence and read this one. */
  async navigated(): Promise<void> {
    if (this.destroyed || !this.active) return;
    this.hover.close();
    this.navigator.reset();
    this.scanner.resetEvidence();
    this.visitPending = true;
    await this.scanner.fullScan();
    await this.saved?.refresh();
  }

  /** The reader's own names changed (lib/overlay): read the page again with them. */
  refreshNames(): void {
    if (!this.active || this.destroyed) return;
    this.hover.close();
    void this.scanner.fullScan();
  }

  /** Draws the private marks into `layer` (inside the card's closed shadow root) from now on. */
  attachMarks(layer: HTMLElement, win: Window & typeof globalThis): void {
    if (!this.destroyed) this.layer?.attach(layer, win);
  }

  /** Paints the saved passages again (after a save). */
  refreshSaved(): void {
    if (this.active && !this.destroyed) void this.saved?.refresh();
  }

  /** Answers a page message (already checked for shape and sender). */
  handle<T extends PageRequest>(req: T): PageResponseOf[T['type']];
  handle(req: PageRequest): PageSummary | PageReportSource | boolean {
    const list = this.scanner.mentions();
    switch (req.type) {
      case 'page:summary':
        return {
          status: this.active ? 'active' : 'paused',
          site: this.o.site,
          entities: summarize(list.map((p) => p.mention)),
        };
      case 'page:report':
        return reportSource(this.o.doc, this.active ? list : []);
      case 'page:navigate':
        return this.goTo(this.navigator.step(list, req.direction, this.hover.active));
      case 'page:reveal':
        return this.goTo(this.navigator.reveal(list, req.id, this.hover.active));
      case 'capture:open':
        this.o.openCapture?.();
        return this.o.openCapture !== undefined;
    }
  }

  /** Undoes everything the session did: highlights, listeners, observer, timers, the open card. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.life.abort();
    this.hover.destroy();
    this.navigator.destroy();
    this.saved?.destroy();
    this.scanner.destroy();
    this.marks.set('watched', []);
    this.marks.set('cover', []);
    this.layer?.clear();
  }

  /** After every scan: marks the watched names again and reports a visit, or names the page newly shows. */
  private scanned(): void {
    if (this.destroyed || !this.settings) return;
    this.markWatched();
    if (this.visitPending) {
      this.visitPending = false;
      if (reportsUnder(this.settings)) this.sendReport(true);
      else this.reported.clear();
    } else if (reportsUnder(this.settings)) {
      const ids = reportedEntities(this.scanner.mentions(), this.settings);
      if (ids.some((e) => !this.reported.has(e.id))) this.sendReport(false, ids);
    }
  }

  private sendReport(visit: boolean, entities?: ReportedEntity[]): void {
    if (!this.o.report || !this.settings) return;
    const t0 = performance.now();
    const list = entities ?? reportedEntities(this.scanner.mentions(), this.settings);
    this.reported = new Set(list.map((e) => e.id));
    this.o.onReport?.(t0);
    this.o.report({ visit, entities: list });
  }

  /**
   * Draws the reader's private mark over every mention of a watched entity, and an unpainted box of the same
   * size over every public highlight: IntersectionObserver v2 counts any drawn box as covering the text under
   * it, so with every highlighted name covered alike it cannot tell watched names from the others. Covers
   * cost drawing time on name-dense pages, so they are drawn only while something is watched (the page can
   * then tell an empty watchlist from another, never what it holds; SECURITY.md).
   */
  private markWatched(): void {
    const watched = new Set(this.settings?.watchlist);
    const shown = this.scanner.mentions().filter((p) => !p.mention.ours);
    this.marks.set('cover', this.active && watched.size ? shown.map((p) => p.range) : []);
    this.marks.set(
      'watched',
      watched.size ? shown.flatMap((p) => (watched.has(p.mention.id) ? [p.range] : [])) : [],
    );
  }

  /** Scrolls to a mention, marks it as current and opens its card. */
  private goTo(p: PaintedMention | undefined): boolean {
    if (!p) return false;
    p.range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
    this.navigator.mark(p);
    this.keyboardOpened = true;
    this.hover.open(p);
    return true;
  }

  /** Other spellings of the same entity that this page uses (its public highlights). */
  private alsoOnPage(p: PaintedMention): string[] {
    const seen = new Set([p.mention.text.toLowerCase(), p.mention.name.toLowerCase()]);
    const out: string[] = [];
    for (const q of this.scanner.mentions()) {
      const key = q.mention.text.toLowerCase();
      // The reader's own names stay out of the card's public part (its size is the page's to measure).
      if (q.mention.id !== p.mention.id || q.mention.ours || seen.has(key)) continue;
      seen.add(key);
      out.push(q.mention.text);
    }
    return out;
  }

  private listen(target: EventTarget, type: string, fn: (e: Event) => void): void {
    target.addEventListener(type, fn, { passive: true, signal: this.life.signal });
  }
}
