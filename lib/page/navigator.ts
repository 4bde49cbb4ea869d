/**
 * Moves between the painted mentions with the keyboard (Alt+Shift+J/K) and the popup's "show on page":
 * marks the one it moved to as `current` (privately). Positions come from a map built once per list,
 * so a step is O(1) after an O(n) build, not an `indexOf` per candidate.
 */
import type { PaintedMention } from './paint';
import type { MarkSink } from './saved-passages';

/** The mention navigator part of a page session. */
export class MentionNavigator {
  private cursor = -1;
  private positions: { list: readonly PaintedMention[]; at: Map<PaintedMention, number> } | undefined;

  constructor(private readonly marks: MarkSink) {}

  /** The mention `direction` steps from `from` (the open card's, else the last one moved to), wrapping. */
  step(
    list: readonly PaintedMention[],
    direction: 1 | -1,
    from?: PaintedMention,
  ): PaintedMention | undefined {
    if (list.length === 0) return undefined;
    const at = from ? (this.positionOf(list, from) ?? this.cursor) : this.cursor;
    return this.moveTo(list, (at + direction + list.length) % list.length);
  }

  /** The next mention of entity `id` after `from`, or its first one. */
  reveal(list: readonly PaintedMention[], id: string, from?: PaintedMention): PaintedMention | undefined {
    const after = from ? (this.positionOf(list, from) ?? -1) : -1;
    let first = -1;
    for (let i = 0; i < list.length; i++) {
      if (list[i]!.mention.id !== id) continue;
      if (i > after) return this.moveTo(list, i);
      if (first < 0) first = i;
    }
    return first < 0 ? undefined : this.moveTo(list, first);
  }

  /** Marks `p` as the current mention. */
  mark(p: PaintedMention): void {
    this.marks.set('current', [p.range]);
  }

  /** Takes the current mark away (the card closed). */
  unmark(): void {
    this.marks.set('current', []);
  }

  /** Forgets the position (a new page). */
  reset(): void {
    this.cursor = -1;
    this.positions = undefined;
    this.unmark();
  }

  /** Stops for good. */
  destroy(): void {
    this.reset();
  }

  private moveTo(list: readonly PaintedMention[], i: number): PaintedMention {
    this.cursor = i;
    return list[i]!;
  }

  private positionOf(list: readonly PaintedMention[], p: PaintedMention): number | undefined {
    if (this.positions?.list !== list) {
      this.positions = { list, at: new Map(list.map((q, i) => [q, i])) };
    }
    return this.positions.at.get(p);
  }
}
