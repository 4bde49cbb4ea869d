/**
 * Marks the passages the reader saved as incidents on this page (privately, through a `MarkSink`), and answers which
 * of them hold a given mention (the card links to them). Refreshes can overlap (a save, a navigation);
 * only the newest one paints.
 */
import type { Incident } from '../incidents/model';
import { collectText } from './collect';
import { rangeAt } from './paint';
import type { MarkKind } from './private-marks';

/** Where the reader's own marks are drawn (privately, never in the page's CSS.highlights). */
export interface MarkSink {
  set(kind: MarkKind, ranges: readonly Range[]): void;
}

/** A saved incident whose passage was found in the page's text, at [start, end). */
export interface FoundPassage {
  incident: Incident;
  start: number;
  end: number;
}

/** Looks this page's saved incidents up and finds their passages in `pageText` (the background's job). */
export type PassageSource = (pageText: string) => Promise<FoundPassage[]>;

/** The saved-passage part of a page session. */
export class SavedPassages {
  private saved: { incident: Incident; range: Range }[] = [];
  private generation = 0;

  constructor(
    private readonly doc: Document,
    private readonly marks: MarkSink,
    private readonly source: PassageSource,
  ) {}

  /** Finds and paints the saved passages again; a failed lookup paints none. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const page = collectText(this.doc.body);
    const found = await this.source(page.text).catch(() => []);
    if (generation !== this.generation) return;
    this.saved = found.flatMap(({ incident, start, end }) => {
      const range = rangeAt(page, start, end, this.doc);
      return range ? [{ incident, range }] : [];
    });
    this.marks.set(
      'incident',
      this.saved.map((x) => x.range),
    );
  }

  /** The saved incidents whose passage holds `range`. */
  around(range: Range): Incident[] {
    return this.saved
      .filter(
        (x) =>
          x.range.compareBoundaryPoints(Range.START_TO_START, range) <= 0 &&
          x.range.compareBoundaryPoints(Range.END_TO_END, range) >= 0,
      )
      .map((x) => x.incident);
  }

  /** Removes the painted passages; a refresh still running will not paint. */
  clear(): void {
    this.generation++;
    this.saved = [];
    this.marks.set('incident', []);
  }

  /** Stops for good. */
  destroy(): void {
    this.clear();
  }
}
