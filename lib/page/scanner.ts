/**
 * Keeps a document's highlights in step with its text: one full scan at start, then rescans of only the
 * blocks that changed, batched from one MutationObserver. Work on big pages is cut into slices so that no
 * task runs long.
 */
import { acronymDefinitions, isTopical } from '../match/context';
import type { FindOptions } from '../match/find-mentions';
import type { Mention } from '../match/types';
import { collectText, isInline, isSkipped, TextCollector, UI_HOST_TAG } from './collect';
import { MentionIndex } from './hit-test';
import { type HighlightHost, type HighlightStyle, type PaintedMention, paint, rangesFor } from './paint';
import type { ShadowStyles } from './shadow-styles';
import { yieldTask } from './yield-task';

/** The matcher as the scanner needs it. */
export type FindFn = (text: string, options?: FindOptions) => Mention[];

/** What the scanner is given: the page, the matcher, and the browser pieces, so tests can fake them. */
export interface ScannerOptions {
  doc: Document;
  find: FindFn;
  host: HighlightHost;
  style?: HighlightStyle;
  /** Whether a mention may be painted (site-level "not this actor" choices). */
  accept?: (m: Mention) => boolean;
  /** Called after each scan with its start time (the content script turns it into a measure). */
  onScan?: (kind: 'full' | 'incremental', start: number) => void;
  /** Called after each piece of work that ran without yielding, with its start time. */
  onTask?: (start: number) => void;
  /** Yields to the browser between slices; default: a macrotask. */
  yieldToBrowser?: () => Promise<void>;
  /** Runs a batch later (default: requestAnimationFrame, falling back to a timeout). */
  schedule?: (fn: () => void) => void;
  /** Characters matched in the first slice, which shares its task with start-up and runs cold code. */
  firstSliceChars?: number;
  /** Milliseconds of matching per later slice: each is sized from the speed of the one before. */
  sliceBudgetMs?: number;
  /** Above this many changed blocks in one batch, one full rescan is cheaper. */
  burstLimit?: number;
  /** Brings the highlight styles into shadow roots that hold painted text (see `ShadowStyles`). */
  shadowStyles?: Pick<ShadowStyles, 'cover' | 'release'>;
  /**
   * Where mentions of the reader's own names (`Mention.ours`) are painted, privately, instead of the page's
   * `CSS.highlights`; without it they are not painted at all.
   */
  paintOurs?: (ranges: Range[]) => void;
  /** Awaited once per full scan after the page is read, before matching (the reader's names loading). */
  beforeMatching?: () => Promise<void>;
  /** Stops the scanner for good when aborted: a scan in progress does no more work after its next slice. */
  signal?: AbortSignal;
}

/** Mentions turned into ranges between two looks at the clock. */
const RANGES_PER_CHECK = 128;

/** Bounds of a slice's size in characters, whatever the measured speed says. */
const MIN_SLICE = 4_000;
const MAX_SLICE = 400_000;

/** Where a slice of about `size` characters from `start` ends: at the next block break, so no name is cut. */
export function sliceEnd(text: string, start: number, size: number): number {
  const end = start + size;
  if (end >= text.length) return text.length;
  const nl = text.indexOf('\n', end);
  return nl < 0 ? text.length : nl;
}

/**
 * The next slice's size: what the last one's speed fits in the budget, within bounds, and at most twice
 * the last (a fast stretch of sparse text says little about the dense one that may follow).
 */
export function nextSliceSize(chars: number, ms: number, budgetMs: number): number {
  const perMs = chars / Math.max(ms, 0.05);
  return Math.round(Math.max(MIN_SLICE, Math.min(MAX_SLICE, 2 * chars, perMs * budgetMs)));
}

/** A full scan's findings, not yet painted. */
export interface PreparedScan {
  /** Every mention found, with its live range; which are painted is decided at commit. */
  painted: PaintedMention[];
  startedAt: number;
  /** Which full scan this is: only the newest one started may be committed. */
  generation: number;
}

/** Paints and repaints one document; `start()` scans, `stop()` removes everything it added. */
export class PageScanner {
  readonly index = new MentionIndex();
  private painted = new Set<PaintedMention>();
  private ordered: PaintedMention[] | undefined;
  /** Entities this document names so far: evidence for names that are also ordinary words. */
  private seen = new Set<string>();
  /** Counts full scans started; a scan that is not the newest when it finishes is dropped. */
  private generation = 0;
  /** Whether the page is about security: a slice or a changed block is judged with the whole page. */
  private topical = false;
  /** The page's acronym definitions from its last full scan, for every slice and rescanned block. */
  private definitions: ReadonlyMap<string, string> = new Map();
  private observer: MutationObserver | undefined;
  private dirty = new Set<Node>();
  private pendingBatch = false;
  private stopped = false;
  private destroyed = false;
  private style: HighlightStyle;
  private readonly o: Required<
    Omit<ScannerOptions, 'onScan' | 'onTask' | 'shadowStyles' | 'paintOurs' | 'beforeMatching' | 'signal'>
  > &
    Pick<ScannerOptions, 'onScan' | 'onTask' | 'shadowStyles' | 'paintOurs' | 'beforeMatching' | 'signal'>;

  constructor(options: ScannerOptions) {
    const win = options.doc.defaultView;
    this.o = {
      style: 'background',
      accept: () => true,
      yieldToBrowser: yieldTask,
      schedule: (fn) => (win ? win.requestAnimationFrame(() => fn()) : setTimeout(fn, 16)),
      firstSliceChars: 8_000,
      sliceBudgetMs: 6,
      burstLimit: 300,
      ...options,
    };
    this.style = this.o.style;
    options.signal?.addEventListener('abort', () => this.destroy(), { once: true });
  }

  /** Whether the scanner was destroyed (its signal aborted): nothing may be read, matched or painted. */
  private get dead(): boolean {
    return this.destroyed || this.o.signal?.aborted === true;
  }

  /**
   * Whether a full scan must give up after a yield: the scanner was stopped or destroyed, or a newer full
   * scan started (only the newest may be painted, so an older one's remaining slices are wasted work).
   */
  private abandoned(generation: number): boolean {
    return this.dead || this.stopped || generation !== this.generation;
  }

  /** Every painted mention, in document order (for keyboard navigation and the page summary). */
  mentions(): PaintedMention[] {
    if (!this.ordered) {
      this.ordered = [...this.painted]
        .filter((p) => !p.range.collapsed)
        .sort((a, b) => compareRanges(a.range, b.range));
    }
    return this.ordered;
  }

  /** Stops for good (the session's teardown): `stop()`, and no scan starts or goes on after it. */
  destroy(): void {
    this.destroyed = true;
    this.stop();
  }

  /**
   * Forgets what the document named so far (an in-app navigation shows another article), so the previous
   * page's actors no longer count as evidence. A scan still running keeps the set it started with.
   */
  resetEvidence(): void {
    this.seen = new Set();
    this.topical = false;
    this.definitions = new Map();
  }

  /** Paints the page (from a scan already prepared, or a new one), then watches for changes. */
  async start(prepared?: PreparedScan): Promise<void> {
    if (this.dead) return;
    this.stopped = false;
    if (prepared) this.commit(prepared);
    else await this.fullScan();
    if (this.stopped || this.observer) return;
    const MO = this.o.doc.defaultView?.MutationObserver ?? globalThis.MutationObserver;
    this.observer = new MO((records) => this.onMutations(records));
    this.observer.observe(this.o.doc.body, { childList: true, subtree: true, characterData: true });
  }

  /** Stops watching and removes every highlight. */
  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    this.observer = undefined;
    this.clear();
    this.repaint();
    this.o.shadowStyles?.release();
  }

  /** Changes how names look, without rescanning. */
  setStyle(style: HighlightStyle): void {
    this.style = style;
    this.repaint();
  }

  /**
   * Scans the whole body again (navigations, settings changes, huge mutation bursts). Such scans can
   * overlap; only the newest one started is painted.
   */
  async fullScan(): Promise<void> {
    const prepared = await this.prepare();
    if (prepared && !this.stopped) this.commit(prepared);
  }

  /**
   * The reading half of a full scan: collects the text and finds the mentions, in slices. Nothing is
   * painted yet, so it can run while the settings that decide whether to paint are still loading.
   * The first slice is small because its code is not compiled yet; each later one is sized from the speed
   * of the one before, so every task stays near the budget. Undefined when the scan was abandoned (stopped,
   * destroyed or overtaken by a newer one): it checks after every yield and does no more work then.
   */
  async prepare(): Promise<PreparedScan | undefined> {
    if (this.dead) return undefined;
    const generation = ++this.generation;
    const t0 = performance.now();
    let piece = t0;
    const seen = this.seen;
    // Reading the DOM is cut into tasks too: on the largest pages one walk takes longer than a frame.
    const collector = new TextCollector(this.o.doc.body);
    for (;;) {
      const until = performance.now() + this.o.sliceBudgetMs;
      if (collector.run(() => performance.now() >= until)) break;
      this.o.onTask?.(piece);
      await this.o.yieldToBrowser();
      if (this.abandoned(generation)) return undefined;
      piece = performance.now();
    }
    const page = collector.result();
    const { text } = page;
    // Matching starts in a task of its own: its first slice runs cold code, after the walk's last piece.
    this.o.onTask?.(piece);
    await this.o.yieldToBrowser();
    await this.o.beforeMatching?.();
    if (this.abandoned(generation)) return undefined;
    piece = performance.now();
    const topical = isTopical(text);
    this.topical = topical;
    const definitions = acronymDefinitions(text);
    this.definitions = definitions;
    const found: Mention[] = [];
    let size = this.o.firstSliceChars;
    for (let a = 0; a < text.length; ) {
      const b = sliceEnd(text, a, size);
      const s0 = performance.now();
      for (const m of this.o.find(text.slice(a, b), { pageEntities: seen, topical, definitions })) {
        // The reader's names are no evidence for bundled ones: the page's highlights must not depend on them.
        if (!m.ours) seen.add(m.id);
        found.push({ ...m, start: m.start + a, end: m.end + a });
      }
      size = nextSliceSize(b - a, performance.now() - s0, this.o.sliceBudgetMs);
      a = b + 1;
      if (a < text.length) {
        this.o.onTask?.(piece);
        await this.o.yieldToBrowser();
        if (this.abandoned(generation)) return undefined;
        piece = performance.now();
      }
    }
    // Turning mentions into live ranges is sliced too: a name-dense page has thousands.
    const ranged: PaintedMention[] = [];
    for (let i = 0; i < found.length; ) {
      const until = performance.now() + this.o.sliceBudgetMs;
      do {
        const end = Math.min(found.length, i + RANGES_PER_CHECK);
        for (const p of rangesFor(page, found.slice(i, end), this.o.doc)) ranged.push(p);
        i = end;
      } while (i < found.length && performance.now() < until);
      if (i < found.length) {
        this.o.onTask?.(piece);
        await this.o.yieldToBrowser();
        if (this.abandoned(generation)) return undefined;
        piece = performance.now();
      }
    }
    this.o.onTask?.(piece);
    return { painted: ranged, startedAt: t0, generation };
  }

  /**
   * The painting half: replaces what is painted with a prepared scan's mentions. A scan overtaken by a
   * newer one is dropped (returns false), so an older scan can never commit last.
   */
  commit(prepared: PreparedScan): boolean {
    if (prepared.generation !== this.generation) return false;
    const t0 = performance.now();
    this.clear();
    for (const p of prepared.painted) if (this.o.accept(p.mention)) this.add(p);
    this.repaint();
    this.o.onTask?.(t0);
    this.o.onScan?.('full', prepared.startedAt);
    return true;
  }

  private clear(): void {
    this.painted.clear();
    this.index.clear();
    this.ordered = undefined;
  }

  private add(p: PaintedMention): void {
    this.painted.add(p);
    this.index.add(p);
    this.ordered = undefined;
  }

  private repaint(): void {
    const painted = this.stopped ? [] : [...this.painted];
    const ours: Range[] = [];
    const shown: PaintedMention[] = [];
    for (const p of painted) {
      if (!p.mention.ours) shown.push(p);
      else if (!p.range.collapsed) ours.push(p.range);
    }
    paint(this.o.host, shown, this.style);
    this.o.paintOurs?.(ours);
    this.o.shadowStyles?.cover(shown.map((p) => p.range));
  }

  private onMutations(records: MutationRecord[]): void {
    for (const r of records) {
      const target = r.target.nodeType === 1 ? (r.target as Element) : r.target.parentElement;
      if (!target || target.closest(UI_HOST_TAG)) continue;
      this.dirty.add(target);
    }
    if (this.dirty.size === 0 || this.pendingBatch) return;
    this.pendingBatch = true;
    this.o.schedule(() => {
      this.pendingBatch = false;
      void this.rescanDirty();
    });
  }

  /** Rescans the blocks that hold the changed nodes; drops mentions whose text went away. */
  private async rescanDirty(): Promise<void> {
    if (this.stopped || this.dead) return;
    const t0 = performance.now();
    const blocks = new Set<Element>();
    for (const n of this.dirty) {
      const b = blockAround(n as Element);
      if (b?.isConnected) blocks.add(b);
    }
    this.dirty.clear();
    if (blocks.size > this.o.burstLimit) {
      await this.fullScan();
      return;
    }
    // An outer block's rescan covers its inner ones.
    const roots = [...blocks].filter((b) => ![...blocks].some((o) => o !== b && o.contains(b)));
    for (const p of [...this.painted]) {
      const node = p.range.startContainer;
      if (p.range.collapsed || !node.isConnected || roots.some((r) => r.contains(node)))
        this.painted.delete(p);
    }
    this.index.clear();
    for (const p of this.painted) this.index.add(p);
    this.ordered = undefined;
    for (const root of roots) {
      if (skippedWithin(root)) continue;
      const page = collectText(root);
      this.topical ||= isTopical(page.text);
      const found = this.o
        .find(page.text, { pageEntities: this.seen, topical: this.topical, definitions: this.definitions })
        .filter(this.o.accept);
      for (const m of found) if (!m.ours) this.seen.add(m.id);
      for (const p of rangesFor(page, found, this.o.doc)) this.add(p);
    }
    this.repaint();
    this.o.onTask?.(t0);
    this.o.onScan?.('incremental', t0);
  }
}

/** The nearest ancestor that is not an inline element: the unit of rescanning. */
function blockAround(el: Element): Element | null {
  let b: Element | null = el;
  while (b && isInline(b) && b.parentElement) b = b.parentElement;
  return b;
}

/** Whether the element or one of its ancestors is excluded from scanning (editable, code, hidden…). */
function skippedWithin(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) if (isSkipped(e)) return true;
  return false;
}

function compareRanges(a: Range, b: Range): number {
  try {
    return a.compareBoundaryPoints(0 /* START_TO_START */, b);
  } catch {
    return 0;
  }
}
