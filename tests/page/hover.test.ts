import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MentionIndex } from '../../lib/page/hit-test';
import { HoverTracker } from '../../lib/page/hover';
import type { PaintedMention } from '../../lib/page/paint';

/** Two names on one line: x 0–50 is APT31, x 100–150 is APT28, anything else is plain text. */
const apt31 = { mention: { id: 'apt31' } } as PaintedMention;
const apt28 = { mention: { id: 'apt28' } } as PaintedMention;
const index = {
  hit: (_doc: Document, x: number) => (x < 50 ? apt31 : x >= 100 && x < 150 ? apt28 : undefined),
} as unknown as MentionIndex;
// No window: the tracker samples moves on a 16 ms timer instead of animation frames.
const doc = { defaultView: null } as unknown as Document;

let opened: string[];
let tracker: HoverTracker;

beforeEach(() => {
  vi.useFakeTimers();
  opened = [];
  tracker = new HoverTracker(
    doc,
    index,
    { onEnter: (p) => opened.push(p.mention.id), onLeave: () => opened.push('closed') },
    { openDelayMs: 350, closeDelayMs: 300 },
  );
});
afterEach(() => vi.useRealTimers());

describe('HoverTracker', () => {
  it('opens a card only after the pointer rests on a name', () => {
    tracker.move(10, 0);
    vi.advanceTimersByTime(200);
    expect(opened).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(opened).toEqual(['apt31']);
  });

  it('opens nothing when the pointer only passes over a name', () => {
    tracker.move(10, 0);
    vi.advanceTimersByTime(100);
    tracker.move(70, 0);
    vi.advanceTimersByTime(100);
    tracker.move(120, 0);
    vi.advanceTimersByTime(100);
    tracker.move(200, 0);
    vi.advanceTimersByTime(1000);
    expect(opened).toEqual([]);
  });

  it('opens no card while the button is held, and not on the name where the drag ended', () => {
    tracker.move(10, 0);
    tracker.press();
    for (const x of [20, 70, 120, 130]) {
      tracker.move(x, 0);
      vi.advanceTimersByTime(500);
    }
    expect(opened).toEqual([]);
    tracker.release(130, 0);
    tracker.move(131, 0);
    vi.advanceTimersByTime(1000);
    expect(opened).toEqual([]);
    // Leaving the name and coming back is a hover again.
    tracker.move(70, 0);
    vi.advanceTimersByTime(50);
    tracker.move(120, 0);
    vi.advanceTimersByTime(400);
    expect(opened).toEqual(['apt28']);
  });

  it('closes an open card when a press starts or the selection is extended from the keyboard', () => {
    tracker.move(10, 0);
    vi.advanceTimersByTime(400);
    tracker.press();
    expect(opened).toEqual(['apt31', 'closed']);
    tracker.release(10, 0);
    tracker.open(apt28);
    tracker.selectionExtended();
    expect(opened).toEqual(['apt31', 'closed', 'apt28', 'closed']);
  });

  it('opens at once when asked from the keyboard, and closes a moment after the pointer leaves', () => {
    tracker.open(apt31);
    expect(opened).toEqual(['apt31']);
    tracker.move(10, 0);
    vi.advanceTimersByTime(20);
    tracker.move(80, 0);
    vi.advanceTimersByTime(100);
    expect(opened).toEqual(['apt31']);
    vi.advanceTimersByTime(300);
    expect(opened).toEqual(['apt31', 'closed']);
  });

  it('keeps the card open while the pointer is on it', () => {
    tracker.open(apt31);
    tracker.move(80, 0);
    vi.advanceTimersByTime(20);
    tracker.setOverCard(true);
    vi.advanceTimersByTime(1000);
    expect(opened).toEqual(['apt31']);
    tracker.setOverCard(false);
    vi.advanceTimersByTime(400);
    expect(opened).toEqual(['apt31', 'closed']);
  });
});
