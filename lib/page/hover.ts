/**
 * Decides which painted mention the pointer is on, without flicker: pointer moves are sampled once per
 * frame, and the card closes only after the pointer has left both the word and the card for a moment.
 */
import type { MentionIndex } from './hit-test';
import type { PaintedMention } from './paint';

/** What the tracker reports. */
export interface HoverEvents {
  onEnter(p: PaintedMention): void;
  onLeave(): void;
}

/** Follows the pointer over one document's painted mentions. */
export class HoverTracker {
  private current: PaintedMention | undefined;
  private overCard = false;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  private pending = false;
  private x = 0;
  private y = 0;

  constructor(
    private readonly doc: Document,
    private readonly index: MentionIndex,
    private readonly events: HoverEvents,
    private readonly closeDelayMs = 300,
  ) {}

  /** The mention whose card is open. */
  get active(): PaintedMention | undefined {
    return this.current;
  }

  /** Feed every pointer move here. */
  move(x: number, y: number): void {
    this.x = x;
    this.y = y;
    if (this.pending) return;
    this.pending = true;
    const win = this.doc.defaultView;
    const later = () => {
      this.pending = false;
      this.check();
    };
    if (win) win.requestAnimationFrame(later);
    else setTimeout(later, 16);
  }

  /** Opens the card for a mention chosen another way (keyboard, popup). */
  open(p: PaintedMention): void {
    clearTimeout(this.hideTimer);
    this.current = p;
    this.events.onEnter(p);
  }

  /** Closes the card now (Escape). */
  close(): void {
    clearTimeout(this.hideTimer);
    if (!this.current) return;
    this.current = undefined;
    this.overCard = false;
    this.events.onLeave();
  }

  /** The pointer entered or left the card itself: keep it open while it is there. */
  setOverCard(over: boolean): void {
    this.overCard = over;
    if (over) clearTimeout(this.hideTimer);
    else this.scheduleClose();
  }

  private check(): void {
    const hit = this.index.hit(this.doc, this.x, this.y);
    if (hit && hit === this.current) {
      clearTimeout(this.hideTimer);
      return;
    }
    if (hit) this.open(hit);
    else if (this.current) this.scheduleClose();
  }

  private scheduleClose(): void {
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => {
      if (!this.overCard) this.close();
    }, this.closeDelayMs);
  }
}
