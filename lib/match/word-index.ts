/**
 * Counts of one word pattern in windows of a text, for the context rules. Asking a regex about a
 * 560-character window around every candidate rescans the same characters over and over on name-dense
 * text; this index scans each stretch of the text once, keeps the matches sorted, and answers each window
 * with two binary searches. It scans lazily and only near the windows asked about, so a page with few
 * candidates pays for little more than their windows.
 */

/** Index of the first element of a sorted array that is `>= value`. */
export function lowerBound(sorted: ArrayLike<number>, value: number, length = sorted.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The matches of one global regex over one text, found on demand in one covered stretch. */
export class WordIndex {
  private starts: number[] = [];
  private ends: number[] = [];
  /** The covered stretch [from, to): every match inside it is in `starts`/`ends`. */
  private from = 0;
  private to = 0;
  private readonly re: RegExp;

  constructor(
    private readonly text: string,
    pattern: RegExp,
  ) {
    this.re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  }

  /** How many matches lie wholly inside [lo, hi). */
  count(lo: number, hi: number): number {
    lo = Math.max(0, lo);
    hi = Math.min(this.text.length, hi);
    this.cover(lo, hi);
    const first = lowerBound(this.starts, lo);
    // Matches never overlap, so their ends are sorted too.
    const last = lowerBound(this.ends, hi + 1);
    return Math.max(0, last - first);
  }

  private cover(lo: number, hi: number): void {
    if (lo >= this.from && hi <= this.to) return;
    if (lo < this.from || lo > this.to) {
      // Candidates are asked about in text order, so a jump means the old stretch is done with:
      // start a new one rather than scan the gap.
      this.starts = [];
      this.ends = [];
      this.from = lo;
      this.to = lo;
    }
    const re = this.re;
    re.lastIndex = this.to;
    while (this.to < hi) {
      const m = re.exec(this.text);
      if (!m) {
        this.to = this.text.length;
        break;
      }
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      this.starts.push(m.index);
      this.ends.push(m.index + m[0].length);
      this.to = m.index + m[0].length;
    }
  }
}
