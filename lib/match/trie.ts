/**
 * A prefix tree over folded name keys, walked over the original text. Edges on letters a–z and digits
 * live in one Map keyed by small integers (node × 36 + symbol: V8 hashes these cheaply, and a Map is far
 * cheaper to build than a dense table); other characters go to a second Map. Each word start of the text is walked once, so a scan costs about one step per character.
 */
import { Cls, classOf, foldCode } from './chars';

const ASCII_SLOTS = 36;

function asciiSlot(folded: number): number {
  if (folded >= 97 && folded <= 122) return folded - 97;
  if (folded >= 48 && folded <= 57) return folded - 48 + 26;
  return -1;
}

/** One place in the text where a name of the tree ends. */
export interface TrieHit {
  /** Offset just after the last letter of the name. */
  end: number;
  /** Index of the group of names with this key (as given to `add`). */
  group: number;
}

/** The compiled tree. */
export class Trie {
  private ascii = new Map<number, number>();
  private other = new Map<number, number>();
  private accept: Int32Array;
  private sepOk: Uint8Array;
  private size = 1;

  /** `capacity`: an upper bound on the number of nodes (sum of key lengths + 1). */
  constructor(capacity: number) {
    this.accept = new Int32Array(capacity).fill(-1);
    this.sepOk = new Uint8Array(capacity);
  }

  private child(node: number, folded: number): number {
    const slot = asciiSlot(folded);
    if (slot >= 0) return (this.ascii.get(node * ASCII_SLOTS + slot) ?? 0) - 1;
    return (this.other.get(node * 65536 + folded) ?? 0) - 1;
  }

  /** Adds one key; `breaks` are the key positions after which the text may put a separator. */
  add(key: readonly number[], breaks: ReadonlySet<number>, group: number): void {
    let node = 0;
    for (let i = 0; i < key.length; i++) {
      if (breaks.has(i)) this.sepOk[node] = 1;
      const folded = key[i]!;
      let next = this.child(node, folded);
      if (next < 0) {
        next = this.size++;
        const slot = asciiSlot(folded);
        if (slot >= 0) this.ascii.set(node * ASCII_SLOTS + slot, next + 1);
        else this.other.set(node * 65536 + folded, next + 1);
      }
      node = next;
    }
    this.accept[node] = group;
  }

  /**
   * Walks the tree from `start` and returns every name that ends on a word boundary, shortest first.
   * A single separator is skipped where a name allows one; combining marks are skipped; anything else
   * (punctuation, a newline) ends the walk.
   */
  walk(text: string, start: number): TrieHit[] {
    const hits: TrieHit[] = [];
    const n = text.length;
    let node = 0;
    let j = start;
    let lastIdeo = false;
    while (j < n) {
      const code = text.charCodeAt(j);
      const cls = classOf(code);
      if (cls === Cls.word || cls === Cls.ideo) {
        node = this.child(node, foldCode(code));
        if (node < 0) break;
        j++;
        lastIdeo = cls === Cls.ideo;
        while (j < n && classOf(text.charCodeAt(j)) === Cls.mark) j++;
        const group = this.accept[node]!;
        if (group >= 0 && (lastIdeo || j >= n || classOf(text.charCodeAt(j)) !== Cls.word)) {
          hits.push({ end: j, group });
        }
      } else if (
        cls === Cls.sep &&
        this.sepOk[node] &&
        j + 1 < n &&
        classOf(text.charCodeAt(j + 1)) === Cls.word
      ) {
        j++;
      } else {
        break;
      }
    }
    return hits;
  }
}
