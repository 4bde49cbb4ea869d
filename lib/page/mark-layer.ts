/**
 * The session's private marks before and after their layer exists: the first scan paints the reader's own
 * names before the card's shadow root is mounted, so marks set early are kept and drawn once the layer is
 * attached. The session owns it, so its teardown clears every mark.
 */
import { type MarkKind, PrivateMarks } from './private-marks';
import type { MarkSink } from './saved-passages';

/** A `MarkSink` that holds marks until `attach` gives it a layer to draw them in. */
export class MarkLayer implements MarkSink {
  private marks: PrivateMarks | undefined;
  private readonly early = new Map<MarkKind, readonly Range[]>();

  set(kind: MarkKind, ranges: readonly Range[]): void {
    if (this.marks) this.marks.set(kind, ranges);
    else this.early.set(kind, [...ranges]);
  }

  /** Draws into `layer` from now on, starting with every mark set so far. */
  attach(layer: HTMLElement, win: Window & typeof globalThis): void {
    this.marks?.clear();
    this.marks = new PrivateMarks(layer, win);
    for (const [kind, ranges] of this.early) this.marks.set(kind, ranges);
    this.early.clear();
  }

  /** Removes every mark and stops following the layout. */
  clear(): void {
    this.early.clear();
    this.marks?.clear();
  }
}
