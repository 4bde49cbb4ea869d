import { pushTo } from '../multimap';
import type { PaintedMention } from './paint';

/** Finds which text position is under a point, in both engines. */
export function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | undefined {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (d.caretPositionFromPoint) {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : undefined;
  }
  const r = d.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : undefined;
}

function inside(rect: DOMRect, x: number, y: number): boolean {
  return x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
}

/**
 * An index from text nodes to the painted mentions that touch them, so that a hover costs a map lookup,
 * not a search over every mention on the page.
 */
export class MentionIndex {
  private byNode = new Map<Node, PaintedMention[]>();

  constructor(painted: readonly PaintedMention[] = []) {
    for (const p of painted) this.add(p);
  }

  /** Adds one painted mention under the text nodes at both ends of its range. */
  add(p: PaintedMention): void {
    for (const node of new Set([p.range.startContainer, p.range.endContainer])) {
      pushTo(this.byNode, node, p);
    }
  }

  /** Forgets everything (before the index is rebuilt). */
  clear(): void {
    this.byNode.clear();
  }

  /** The painted mention under the point, if the point really lies on its text. */
  hit(doc: Document, x: number, y: number): PaintedMention | undefined {
    const caret = caretAt(doc, x, y);
    if (!caret) return undefined;
    const list = this.byNode.get(caret.node);
    if (!list) return undefined;
    for (const p of list) {
      if (p.range.collapsed) continue;
      // A caret snaps to the nearest character even when the pointer is beside the text: check the boxes.
      for (const rect of p.range.getClientRects()) if (inside(rect, x, y)) return p;
    }
    return undefined;
  }
}
