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
 * and only boxes inside the viewport are drawn, redrawn as anything scrolls. What remains is in SECURITY.md:
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

/** Draws the reader's private marks into `layer` and keeps them on their text. */
export class PrivateMarks {
  private readonly sets = new Map<MarkKind, Range[]>();
  private frame = 0;
  private following: AbortController | undefined;
  private mutations: MutationObserver | undefined;
  private resizes: ResizeObserver | undefined;

  constructor(
    private readonly layer: HTMLElement,
    private readonly win: Window & typeof globalThis,
  ) {}

  /** Replaces the ranges marked as `kind` (none removes them). */
  set(kind: MarkKind, ranges: readonly Range[]): void {
    // Covers answer IntersectionObserver v2 only: where it does not exist they would be work for nothing.
    if (kind === 'cover' && !tracksVisibility(this.win)) return;
    if (ranges.length) this.sets.set(kind, [...ranges]);
    else this.sets.delete(kind);
    this.follow(this.sets.size > 0);
    // At once, as a named highlight would paint: a tab in the background runs no animation frames.
    this.draw();
  }

  /** Removes every mark and stops following the layout. */
  clear(): void {
    this.sets.clear();
    this.follow(false);
    this.win.cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.layer.replaceChildren();
  }

  /** Redraws now (tests, and after the caller knows layout changed): only the boxes inside the viewport. */
  draw(): void {
    const doc = this.layer.ownerDocument;
    const origin = this.layer.getBoundingClientRect();
    const width = this.win.innerWidth;
    const height = this.win.innerHeight;
    const outside = (r: DOMRect) => r.bottom <= 0 || r.right <= 0 || r.top >= height || r.left >= width;
    // Boxes are reused from one draw to the next: scrolling redraws every frame.
    const pool = [...this.layer.children] as HTMLElement[];
    let used = 0;
    for (const [kind, ranges] of this.sets) {
      for (const range of ranges) {
        const whole = range.getBoundingClientRect();
        if ((whole.width || whole.height) && outside(whole)) continue;
        for (const r of textRects(range)) {
          if (outside(r)) continue;
          let box = pool[used];
          if (!box) {
            box = doc.createElement('div');
            this.layer.append(box);
            pool.push(box);
          }
          used++;
          box.className = `mark ${kind}`;
          box.style.left = `${r.left - origin.left}px`;
          box.style.top = `${r.top - origin.top}px`;
          box.style.width = `${r.width}px`;
          box.style.height = `${r.height}px`;
        }
      }
    }
    for (const extra of pool.slice(used)) extra.remove();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = this.win.requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
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
    // document only in the capture phase).
    this.win.document.addEventListener('scroll', redraw, opts);
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
