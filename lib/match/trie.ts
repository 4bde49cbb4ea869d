/**
 * A prefix tree over folded name keys, walked over the original text. It is stored flat, in
 * breadth-first order, so it can ship prebuilt (in `data/kb/tables.json`) and load without per-node
 * work: each node's children are consecutive nodes sorted by their letter, so a node needs only where
 * its children start (the next node's start is where they end). The tables ship as 16-bit numbers in
 * base64 (`uint16-base64.ts`), which the browser decodes natively; a loop over 30,000 nodes would cost
 * milliseconds in a fresh tab, where nothing is compiled yet.
 * Each word start of the text is walked once, so a scan costs about one step per character.
 */
import { Cls, classOf, foldCode } from './chars';
import { decodeUint16, encodeUint16 } from './uint16-base64';

/** The serialized tree (the trie part of the bundled tables). */
export interface TrieData {
  /** The folded code unit that leads to each node after the root, one per node, breadth-first. */
  labels: string;
  /** Where each node's children start, root first, then one past the last node (`encodeUint16`). */
  first: string;
  /** Accepting nodes and their group, as pairs: node, group, node, group… (`encodeUint16`) */
  accept: string;
  /** Nodes after which the text may put one separator ("APT" in "APT 31") (`encodeUint16`). */
  sep: string;
}

const WORD = Cls.word;
const IDEO = Cls.ideo;
const MARK = Cls.mark;
const SEP = Cls.sep;
/** Children lists longer than this are binary-searched. */
const LINEAR = 8;

/** The compiled tree, ready to walk. */
export class Trie {
  /** Node k's letter is `labels.charCodeAt(k)` (the root's is a placeholder). */
  private readonly labels: string;
  private readonly first: Uint16Array;
  private readonly accept: Int32Array;
  private readonly sepOk: Uint8Array;
  /** The root's children by ASCII code: every word start asks the root, so it answers directly. */
  private readonly rootAscii = new Int32Array(128).fill(-1);

  constructor(data: TrieData) {
    const size = data.labels.length + 1;
    this.labels = `\0${data.labels}`;
    this.first = decodeUint16(data.first);
    this.accept = new Int32Array(size).fill(-1);
    this.sepOk = new Uint8Array(size);
    const accept = decodeUint16(data.accept);
    for (let i = 0; i < accept.length; i += 2) this.accept[accept[i]!] = accept[i + 1]!;
    for (const node of decodeUint16(data.sep)) this.sepOk[node] = 1;
    for (let c = 1; c < this.first[1]!; c++) {
      const label = this.labels.charCodeAt(c);
      if (label < 128) this.rootAscii[label] = c;
    }
  }

  private child(node: number, folded: number): number {
    if (node === 0 && folded < 128) return this.rootAscii[folded]!;
    const labels = this.labels;
    let lo = this.first[node]!;
    let hi = this.first[node + 1]!;
    if (hi - lo <= LINEAR) {
      for (; lo < hi; lo++) if (labels.charCodeAt(lo) === folded) return lo;
      return -1;
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const label = labels.charCodeAt(mid);
      if (label === folded) return mid;
      if (label < folded) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /**
   * Walks the tree from `start` and writes every name that ends on a word boundary into `out`, shortest
   * first, as pairs (offset just after the name, group); returns how many pairs. A single separator (or a
   * run of spaces) is skipped where a name allows one; combining marks are skipped; anything else
   * (punctuation, a newline) ends the walk. The caller's buffer is reused because most walks find nothing.
   */
  walk(text: string, start: number, out: number[]): number {
    let found = 0;
    const n = text.length;
    let node = 0;
    let j = start;
    let lastIdeo = false;
    while (j < n) {
      const code = text.charCodeAt(j);
      const cls = classOf(code);
      if (cls === WORD || cls === IDEO) {
        node = this.child(node, foldCode(code));
        if (node < 0) break;
        j++;
        lastIdeo = cls === IDEO;
        while (j < n && classOf(text.charCodeAt(j)) === MARK) j++;
        const group = this.accept[node]!;
        if (group >= 0 && (lastIdeo || j >= n || classOf(text.charCodeAt(j)) !== WORD)) {
          out[found * 2] = j;
          out[found * 2 + 1] = group;
          found++;
        }
      } else if (cls === SEP && this.sepOk[node]) {
        let k = j + 1;
        // HTML wrapped in its source leaves a run of spaces inside a name ("Ministry of\n    Foreign Affairs").
        if (code === 32 || code === 160) while (k < n && text.charCodeAt(k) === 32) k++;
        if (k >= n || classOf(text.charCodeAt(k)) !== WORD) break;
        j = k;
      } else {
        break;
      }
    }
    return found;
  }
}

/** Builds a tree key by key, then lays it out flat. Used when compiling names, not when loading. */
export class TrieBuilder {
  // Nodes as sibling lists in typed arrays: tens of thousands of small objects would cost more in
  // garbage collection than the building itself.
  private readonly label: Uint16Array;
  private readonly firstKid: Int32Array;
  private readonly nextSibling: Int32Array;
  private readonly accept: Int32Array;
  private readonly sepOk: Uint8Array;
  private size = 1;

  /** `capacity`: an upper bound on the number of nodes (sum of key lengths + 1). */
  constructor(capacity: number) {
    this.label = new Uint16Array(capacity);
    this.firstKid = new Int32Array(capacity).fill(-1);
    this.nextSibling = new Int32Array(capacity).fill(-1);
    this.accept = new Int32Array(capacity).fill(-1);
    this.sepOk = new Uint8Array(capacity);
  }

  /** Adds one key; `breaks` are the key positions after which the text may put a separator. */
  add(key: readonly number[], breaks: ReadonlySet<number>, group: number): void {
    let node = 0;
    for (let i = 0; i < key.length; i++) {
      if (breaks.has(i)) this.sepOk[node] = 1;
      const folded = key[i]!;
      let kid = this.firstKid[node]!;
      while (kid >= 0 && this.label[kid] !== folded) kid = this.nextSibling[kid]!;
      if (kid < 0) {
        kid = this.size++;
        this.label[kid] = folded;
        this.nextSibling[kid] = this.firstKid[node]!;
        this.firstKid[node] = kid;
      }
      node = kid;
    }
    this.accept[node] = group;
  }

  /** The tree in breadth-first order, children sorted by letter. */
  data(): TrieData {
    const order = new Int32Array(this.size);
    let filled = 1;
    const first: number[] = [];
    let next = 1;
    const accept: number[] = [];
    const sep: number[] = [];
    const kids: number[] = [];
    let labels = '';
    let chunk: number[] = [];
    for (let i = 0; i < this.size; i++) {
      const node = order[i]!;
      if (this.accept[node]! >= 0) accept.push(i, this.accept[node]!);
      if (this.sepOk[node]) sep.push(i);
      kids.length = 0;
      for (let kid = this.firstKid[node]!; kid >= 0; kid = this.nextSibling[kid]!) kids.push(kid);
      if (kids.length > 1) kids.sort((a, b) => this.label[a]! - this.label[b]!);
      first.push(next);
      next += kids.length;
      for (const kid of kids) {
        order[filled++] = kid;
        chunk.push(this.label[kid]!);
        // In slices: spreading tens of thousands of arguments at once can overflow the stack.
        if (chunk.length === 4096) {
          labels += String.fromCharCode(...chunk);
          chunk = [];
        }
      }
    }
    labels += String.fromCharCode(...chunk);
    first.push(next);
    return { labels, first: encodeUint16(first), accept: encodeUint16(accept), sep: encodeUint16(sep) };
  }
}
