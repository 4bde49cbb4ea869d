/**
 * Decides which painted mention the pointer is on, without flicker and without getting in the reader's way:
 * pointer moves are sampled once per frame; a card opens only after the pointer has rested on a name for a
 * moment (passing over a name does nothing); no card opens while the mouse button is held or a selection is
 * being extended (a drag across a name would otherwise open one mid-drag, and the selection would run into
 * it); and the card closes only after the pointer has left both the word and the card for a moment.
 */
import type { MentionIndex } from './hit-test';
import type { PaintedMention } from './paint';

/** What the tracker reports. */
export interface HoverEvents {
  onEnter(p: PaintedMention): void;
  onLeave(): void;
}

/** How long the pointer must rest on a name before its card opens, and linger away before it closes. */
export interface HoverTiming {
  openDelayMs: number;
  closeDelayMs: number;
}

/** Long enough that sweeping the pointer across a line opens nothing, short enough to feel immediate. */
export const DEFAULT_HOVER_TIMING: HoverTiming = { openDelayMs: 350, closeDelayMs: 300 };

/** Follows the pointer over one document's painted mentions. */
export class HoverTracker {
  private current: PaintedMention | undefined;
  private overCard = false;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  private dwellTimer: ReturnType<typeof setTimeout> | undefined;
  private dwellOn: PaintedMention | undefined;
  /** The frame (or timer) that will check the pointer's last position, while one is pending. */
  private pending: { cancel(): void } | undefined;
  private destroyed = false;
  private pressed = false;
  /** The mention under the pointer when a selection ended: it opens only once the pointer has left it. */
  private quiet: PaintedMention | undefined;
  private x = 0;
  private y = 0;

  constructor(
    private readonly doc: Document,
    private readonly index: MentionIndex,
    private readonly events: HoverEvents,
    private readonly timing: HoverTiming = DEFAULT_HOVER_TIMING,
  ) {}

  /** The mention whose card is open. */
  get active(): PaintedMention | undefined {
    return this.current;
  }

  /** Feed every pointer move here. */
  move(x: number, y: number): void {
    this.x = x;
    this.y = y;
    if (this.pending || this.destroyed) return;
    const win = this.doc.defaultView;
    const later = () => {
      this.pending = undefined;
      this.check();
    };
    if (win) {
      const id = win.requestAnimationFrame(later);
      this.pending = { cancel: () => win.cancelAnimationFrame(id) };
    } else {
      const id = setTimeout(later, 16);
      this.pending = { cancel: () => clearTimeout(id) };
    }
  }

  /** Stops for good: no pending check or close timer survives, and an open card is closed. */
  destroy(): void {
    this.close();
    this.destroyed = true;
    clearTimeout(this.hideTimer);
    this.cancelDwell();
    this.pending?.cancel();
    this.pending = undefined;
  }

  /**
   * The primary button went down outside the card: a selection may start. Any card closes (it would sit in
   * the selection's way) and none opens until the button is up again.
   */
  press(): void {
    this.pressed = true;
    this.cancelDwell();
    this.close();
  }

  /** The button is up: hovering works again, except on the name the pointer is resting on now. */
  release(x: number, y: number): void {
    this.pressed = false;
    this.x = x;
    this.y = y;
    this.quiet = this.index.hit(this.doc, x, y);
  }

  /**
   * The selection changed while no button was held (Shift and arrow keys extend it): the reader is
   * selecting, so a card that is open closes and the name under the pointer stays quiet.
   */
  selectionExtended(): void {
    if (this.pressed) return;
    this.cancelDwell();
    this.close();
    this.quiet = this.index.hit(this.doc, this.x, this.y);
  }

  /** Opens the card for a mention chosen another way (keyboard, popup): at once, no dwell. */
  open(p: PaintedMention): void {
    if (this.destroyed) return;
    clearTimeout(this.hideTimer);
    this.cancelDwell();
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
    if (over) {
      clearTimeout(this.hideTimer);
      this.cancelDwell();
    } else this.scheduleClose();
  }

  private check(): void {
    if (this.pressed) return;
    const hit = this.index.hit(this.doc, this.x, this.y);
    if (hit !== this.quiet) this.quiet = undefined;
    if (hit && hit === this.current) {
      clearTimeout(this.hideTimer);
      this.cancelDwell();
      return;
    }
    if (hit && hit !== this.quiet) this.dwell(hit);
    else this.cancelDwell();
    if (!hit && this.current && !this.overCard) this.scheduleClose();
  }

  /** Opens `hit` once the pointer has stayed on it for the open delay. */
  private dwell(hit: PaintedMention): void {
    if (this.dwellOn === hit) return;
    this.cancelDwell();
    this.dwellOn = hit;
    this.dwellTimer = setTimeout(() => {
      this.dwellOn = undefined;
      if (!this.pressed && this.index.hit(this.doc, this.x, this.y) === hit) this.open(hit);
    }, this.timing.openDelayMs);
  }

  private cancelDwell(): void {
    clearTimeout(this.dwellTimer);
    this.dwellOn = undefined;
  }

  private scheduleClose(): void {
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => {
      if (!this.overCard) this.close();
    }, this.timing.closeDelayMs);
  }
}
