/**
 * Marks only the reader can see: saved passages, watched names, the reader's own names and the current
 * mention are drawn as boxes inside the content script's closed shadow root, never registered in the
 * document's `CSS.highlights`, which the page's own scripts share (a page could read which of its sentences
 * the reader saved, or replace them).
 *
 * Nor may the boxes change anything the page can measure. The layer is fixed to the viewport, clips what
 * it holds to it and contains its layout, so no box, however far down its text sits, enlarges the
 * document's scrollable area (a page that moves a name 38,000 px down an `overflow: hidden` box and reads
 * `scrollHeight` learns nothing). The layer itself is `visibility: hidden` (it is never hit, so it covers
 * nothing for IntersectionObserver v2), its boxes are `pointer-events: none` (no hit test lands on them),
 * and what lies outside the viewport is clipped away (neither painted nor hit); the boxes follow the
 * document's scroll without measuring text again. What remains is in SECURITY.md:
 * IntersectionObserver v2 in Chromium counts a drawn box as occluding the text under it.
 */

import { tracksVisibility } from './occlusion';

/**
 * What a mark means, which is also its class in the layer's CSS. `ours`: a name from the reader's own KB
 * (lib/overlay), which the page must not learn, so it is never a named highlight. `watched`: an entity on the
 * reader's watchlist, which the page must not learn either. `cover`: an unpainted box over every public
 * highlight, so that the boxes over watched names are not the only ones (see `PageSession.markWatched`).
 */
export type MarkKind = 'incident' | 'current' | 'ours' | 'watched' | 'cover';

/** Styles for the layer and its boxes; added to the shadow root's CSS. */
export const MARKS_CSS = `
.marks { position: fixed; inset: 0; overflow: hidden; contain: strict; visibility: hidden; pointer-events: none; }
.marks-page { position: absolute; left: 0; top: 0; width: 0; height: 0; will-change: transform; }
.mark { position: absolute; visibility: visible; pointer-events: none; box-sizing: border-box; }
.mark.incident { border-bottom: 2px dotted rgb(20, 150, 90); }
.mark.current { background: rgba(255, 220, 0, 0.35); }
.mark.ours { background: rgba(150, 90, 230, 0.22); border-bottom: 2px solid rgb(130, 70, 210); }
.mark.watched { box-shadow: inset 0 -3px 0 rgba(200, 40, 160, 0.85); border-radius: 2px; }
`;

/** The client rects of the text inside a range, one or more per line (element boxes left out). */
export function textRects(range: Range): DOMRect[] {
  const doc = range.startContainer.ownerDocument;
  if (!doc || range.collapsed) return [];
  const root = range.commonAncestorContainer;
  const out: DOMRect[] = [];
  const piece = doc.createRange();
  const visit = (node: Text) => {
    const start = node === range.startContainer ? range.startOffset : 0;
    const end = node === range.endContainer ? range.endOffset : node.data.length;
    if (end <= start) return;
    piece.setStart(node, start);
    piece.setEnd(node, end);
    for (const r of piece.getClientRects()) if (r.width > 0 && r.height > 0) out.push(r);
  };
  if (root.nodeType === Node.TEXT_NODE) {
    visit(root as Text);
    return out;
  }
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (range.intersectsNode(n)) visit(n as Text);
  }
  return out;
}

/**
 * How old measured positions may get while only the document scrolls: layout can also move without an
 * event we follow (a font or an image arriving), so they are measured again twice a second while scrolling.
 */
const REMEASURE_MS = 500;

/** Draws the reader's private marks into `layer` and keeps them on their text. */
export class PrivateMarks {
  private readonly sets = new Map<MarkKind, Range[]>();
  private frame = 0;
  private layoutChanged = false;
  /** The boxes' container inside the layer, shifted by the document's scroll position. */
  private sheet: HTMLElement | undefined;
  private measuredAt = 0;
  /** The document's scroll position when the covers were last drawn. */
  private coversAt: number | undefined;
  private following: AbortController | undefined;
  private mutations: MutationObserver | undefined;
  private resizes: ResizeObserver | undefined;
  /**
   * Covers go over every public highlight, thousands on a dense page: measuring them all, or having the
   * browser watch thousands of elements, costs tens of milliseconds a frame. They come in document order,
   * which is mostly the page's top-to-bottom order, so a binary search finds the ones near the viewport.
   */
  private readonly bounds = new Map<Range, DOMRect>();
  /**
   * Each range's text rects in page coordinates, kept while nothing but the document's own scroll position
   * changed: scrolling the document then moves the boxes without measuring any text again.
   */
  private measured = new Map<Range, DOMRect[]>();

  constructor(
    private readonly layer: HTMLElement,
    private readonly win: Window & typeof globalThis,
  ) {}

  /** Replaces the ranges marked as `kind` (none removes them). */
  set(kind: MarkKind, ranges: readonly Range[]): void {
    // Covers answer IntersectionObserver v2 only: where it does not exist they would be work for nothing.
    if (kind === 'cover' && !tracksVisibility(this.win)) return;
    if (kind === 'cover') this.coversAt = undefined;
    for (const r of this.sets.get(kind) ?? []) this.measured.delete(r);
    if (ranges.length) this.sets.set(kind, [...ranges]);
    else this.sets.delete(kind);
    this.follow(this.sets.size > 0);
    // At once, as a named highlight would paint: a tab in the background runs no animation frames.
    this.draw();
  }

  /** Removes every mark and stops following the layout. */
  clear(): void {
    this.sets.clear();
    this.measured.clear();
    this.bounds.clear();
    this.coversAt = undefined;
    this.follow(false);
    this.win.cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.layer.replaceChildren();
    this.sheet = undefined;
  }

  /**
   * Redraws now (tests, and after the caller knows layout changed). Boxes sit at their text's place in the
   * page, in a sheet the document's scrolling only shifts (`scrolled`); the layer clips it to the viewport.
   * `layoutChanged: false` when the text's page positions still hold.
   */
  draw(layoutChanged = true): void {
    if (layoutChanged) {
      this.measured.clear();
      this.bounds.clear();
      this.measuredAt = this.win.performance.now();
    }
    const doc = this.layer.ownerDocument;
    const origin = this.layer.getBoundingClientRect();
    const { scrollX: sx, scrollY: sy } = this.win;
    const height = this.win.innerHeight;
    const toPage = (r: DOMRect) =>
      new DOMRect(r.left + sx - origin.left, r.top + sy - origin.top, r.width, r.height);
    // Covers within a window's height above and below the viewport (see `bounds`).
    const near = new Set<Range>();
    const covers = this.sets.get('cover');
    if (covers) {
      this.coversAt = sy;
      const bound = (range: Range) => {
        let b = this.bounds.get(range);
        if (!b) {
          b = toPage(range.getBoundingClientRect());
          this.bounds.set(range, b);
        }
        return b;
      };
      const from = sy - origin.top - height;
      const to = sy - origin.top + 2 * height;
      let lo = 0;
      let hi = covers.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (bound(covers[mid]!).bottom < from) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < covers.length && bound(covers[i]!).top <= to; i++) near.add(covers[i]!);
    }
    // Every rect is read before any box is written: a read after a write would lay the page out again.
    const found: [MarkKind, DOMRect][] = [];
    for (const [kind, ranges] of this.sets) {
      for (const range of ranges) {
        // A watched name's box goes only where its cover does: where the search missed a cover (a page
        // that lays text out far from its document order), the watched box would stand out alone.
        if ((kind === 'cover' || (kind === 'watched' && covers)) && !near.has(range)) continue;
        let rects = this.measured.get(range);
        if (!rects) {
          rects = textRects(range).map(toPage);
          this.measured.set(range, rects);
        }
        for (const r of rects) found.push([kind, r]);
      }
    }
    if (!this.sheet?.isConnected) {
      this.sheet = doc.createElement('div');
      this.sheet.className = 'marks-page';
      this.layer.replaceChildren(this.sheet);
    }
    this.scrolled();
    // Boxes are reused from one draw to the next.
    const pool = [...this.sheet.children] as HTMLElement[];
    found.forEach(([kind, r], i) => {
      let box = pool[i];
      if (!box) {
        box = doc.createElement('div');
        this.sheet!.append(box);
      }
      box.className = `mark ${kind}`;
      box.style.left = `${r.left}px`;
      box.style.top = `${r.top}px`;
      box.style.width = `${r.width}px`;
      box.style.height = `${r.height}px`;
    });
    for (const extra of pool.slice(found.length)) extra.remove();
  }

  /** Whether the covers were drawn for a scroll position half a window or more away (or not yet). */
  private coversFar(): boolean {
    if (!this.sets.has('cover')) return false;
    return (
      this.coversAt === undefined || Math.abs(this.win.scrollY - this.coversAt) >= this.win.innerHeight / 2
    );
  }

  /** The document scrolled: the sheet of boxes moves with it, nothing is measured. */
  private scrolled(): void {
    if (this.sheet) this.sheet.style.transform = `translate(${-this.win.scrollX}px, ${-this.win.scrollY}px)`;
  }

  /** Redraws at the next frame; `layoutChanged` unless only the document's scroll position moved. */
  private schedule(layoutChanged = true): void {
    this.layoutChanged ||= layoutChanged;
    if (this.frame) return;
    this.frame = this.win.requestAnimationFrame(() => {
      this.frame = 0;
      const changed = this.layoutChanged;
      this.layoutChanged = false;
      this.draw(changed);
    });
  }

  /** Listens for whatever can move text (only while there is something to draw). */
  private follow(on: boolean): void {
    if (on === !!this.following) return;
    if (!on) {
      this.following?.abort();
      this.following = undefined;
      this.mutations?.disconnect();
      this.resizes?.disconnect();
      return;
    }
    this.following = new AbortController();
    const opts = { capture: true, passive: true, signal: this.following.signal };
    const redraw = () => this.schedule();
    // The layer stays put while text scrolls, the document's or an inner box's (scroll events reach the
    // document only in the capture phase); an inner box's scroll moves text within the page.
    const doc = this.win.document;
    doc.addEventListener(
      'scroll',
      (e) => {
        if (e.target !== doc) this.schedule();
        else {
          // At once, in the frame that scrolled: the boxes move with their text.
          this.scrolled();
          if (this.win.performance.now() - this.measuredAt > REMEASURE_MS) this.schedule();
          else if (this.coversFar()) this.schedule(false);
        }
      },
      opts,
    );
    this.win.addEventListener('resize', redraw, opts);
    this.mutations = new this.win.MutationObserver(redraw);
    this.mutations.observe(this.win.document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
    });
    if (this.win.ResizeObserver) {
      this.resizes = new this.win.ResizeObserver(redraw);
      this.resizes.observe(this.win.document.documentElement);
    }
  }
}
