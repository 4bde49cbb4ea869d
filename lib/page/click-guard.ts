/**
 * Decides whether a press on the card's buttons is the reader's: the page can dispatch synthetic clicks,
 * and it can draw a decoy over the card so that a real click meant for the decoy lands on a button
 * (clickjacking). A press counts only if the browser marks the event trusted, the card has been on screen
 * long enough to be seen, and nothing is drawn over it (where the browser can tell).
 */

/** How long a card must be shown before its buttons respond (the reader has had time to see it). */
export const ARM_MS = 500;

/** Whether the card's buttons may act now; fed by the card's lifecycle and the visibility observer. */
export class ClickGuard {
  private shownAt = Number.NEGATIVE_INFINITY;
  private covered = false;

  constructor(
    private readonly now: () => number,
    private readonly armMs = ARM_MS,
  ) {}

  /** A card appeared at a new place (not a re-render of the same card). */
  shown(): void {
    this.shownAt = this.now();
  }

  /**
   * The visibility observer's latest word: something is drawn over the card, or not. Its first word on a
   * new card comes within 100 ms, before the card's buttons wake.
   */
  setCovered(covered: boolean): void {
    this.covered = covered;
  }

  /** Milliseconds until the buttons respond (0 when they do; Infinity while covered). */
  waitMs(): number {
    if (this.covered) return Number.POSITIVE_INFINITY;
    return Math.max(0, this.shownAt + this.armMs - this.now());
  }

  /** Whether the buttons respond now. */
  get ready(): boolean {
    return this.waitMs() === 0;
  }

  /** Whether this event may press a button: a real gesture on a card that is armed and uncovered. */
  allows(e: { isTrusted: boolean }): boolean {
    return e.isTrusted && this.ready;
  }
}
