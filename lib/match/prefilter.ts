/**
 * Whether a text may name anything, answered without the matcher: the first stage of the content script
 * asks it in every frame, and loads the matcher (about 500 KB of code and tables) only where it says yes.
 *
 * It is exact about "no": the matcher finds a name only where its tree walk (./trie.ts) reads the name's whole
 * folded key from a word start and stops on a word boundary. The prefilter walks every word start the same
 * way (same classes, same folding, combining marks and separators skipped alike, but across every separator
 * where the tree allows only some) and asks, at each word boundary, whether the folded text read so far hashes
 * to a name's key. Every walk of the tree is therefore also a walk of the prefilter, ending on the same key
 * at the same boundary: a "no" means no candidate, so no mention. A "yes" may be wrong (a hash collision, or
 * a name the matcher's context rules then refuse), which costs only loading the matcher.
 *
 * The keys ship as sorted 32-bit FNV-1a hashes, delta-coded in base64 (a few bytes a name, not a tree).
 */
import { Cls, classOf, foldCode, nameKey } from './chars';

/**
 * The key in `storage.local` the background stores the reader's own names' keys under (`encodePrefilter`),
 * beside their matcher: every frame's first stage reads these few KB, the matcher only where a name may be.
 */
export const OVERLAY_PREFILTER_KEY = 'overlayPrefilter';

const WORD = Cls.word;
const IDEO = Cls.ideo;
const MARK = Cls.mark;
const SEP = Cls.sep;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** One step of the key hash: a folded UTF-16 code unit. */
function step(h: number, unit: number): number {
  return Math.imul(h ^ unit, FNV_PRIME) >>> 0;
}

/**
 * The names' keys as the prefilter holds them: the hashes of whole keys (sorted, without repeats), and a
 * Bloom filter of the prefixes a walk may go on from across a separator or through ideographs (where a key
 * has a break, and every prefix of a key with ideographs): a wrong "maybe" there only makes a walk longer.
 */
export interface PrefilterKeys {
  hashes: Uint32Array;
  /** Bloom filter bits (a power of two of them, at least 32), `PREFIX_PROBES` probes each. */
  prefixes: Uint32Array;
  maxLength: number;
}

const PREFIX_PROBES = 3;
/** Bloom bits per prefix (at least; the size is a power of two): a few % false "maybe", each a longer walk. */
const BITS_PER_PREFIX = 5;

/** The second hash of a Bloom probe sequence, from the first. */
function rehash(h: number): number {
  const x = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0) | 1;
}

function mayContinue(bits: Uint32Array, h: number): boolean {
  const mask = bits.length * 32 - 1;
  const h2 = rehash(h);
  for (let i = 0; i < PREFIX_PROBES; i++) {
    const b = (h + Math.imul(i, h2)) & mask;
    if ((bits[b >>> 5]! & (1 << (b & 31))) === 0) return false;
  }
  return true;
}

/** The keys of a list of names (what the build script and the background build the prefilter from). */
export function prefilterKeys(names: Iterable<string>): PrefilterKeys {
  const whole = new Set<number>();
  const prefixes = new Set<number>();
  let maxLength = 0;
  for (const name of names) {
    const { key, breaks } = nameKey(name);
    if (key.length === 0) continue;
    const ideographic = key.some((u) => classOf(u) === IDEO);
    let h = FNV_OFFSET;
    for (let i = 0; i < key.length; i++) {
      h = step(h, key[i]!);
      if (i + 1 < key.length && (ideographic || breaks.has(i + 1))) prefixes.add(h);
    }
    whole.add(h);
    maxLength = Math.max(maxLength, key.length);
  }
  let size = 32;
  while (size < prefixes.size * BITS_PER_PREFIX) size *= 2;
  const bits = new Uint32Array(size / 32);
  for (const h of prefixes) {
    const h2 = rehash(h);
    for (let i = 0; i < PREFIX_PROBES; i++) {
      const b = (h + Math.imul(i, h2)) & (size - 1);
      bits[b >>> 5]! |= 1 << (b & 31);
    }
  }
  return { hashes: Uint32Array.from([...whole].sort((a, b) => a - b)), prefixes: bits, maxLength };
}

/**
 * Writes keys as base64: the longest key's length, the number of whole keys, each key's distance from the one
 * before (LEB128), then the prefix filter's bytes as they are.
 */
export function encodePrefilter({ hashes, prefixes, maxLength }: PrefilterKeys): string {
  const bytes: number[] = [];
  const varint = (n: number) => {
    for (; n >= 0x80; n = Math.floor(n / 0x80)) bytes.push((n % 0x80) | 0x80);
    bytes.push(n);
  };
  varint(maxLength);
  varint(hashes.length);
  let prev = 0;
  for (const h of hashes) {
    varint(h - prev);
    prev = h;
  }
  for (const b of new Uint8Array(prefixes.buffer, prefixes.byteOffset, prefixes.byteLength)) bytes.push(b);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 4096) binary += String.fromCharCode(...bytes.slice(i, i + 4096));
  return btoa(binary);
}

/** Reads what `encodePrefilter` wrote; undefined for anything else (a tab checks stored data). */
export function decodePrefilter(base64: unknown): PrefilterKeys | undefined {
  if (typeof base64 !== 'string') return undefined;
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    return undefined;
  }
  const out: number[] = [];
  let n = 0;
  let scale = 1;
  let i = 0;
  // The two counts, then as many key distances as the second says.
  for (; i < binary.length && (out.length < 2 || out.length < 2 + out[1]!); i++) {
    const b = binary.charCodeAt(i);
    n += (b & 0x7f) * scale;
    scale *= 0x80;
    if (b & 0x80) continue;
    out.push(n);
    n = 0;
    scale = 1;
  }
  if (scale !== 1 || out.length < 2 || out.length !== 2 + out[1]!) return undefined;
  const [maxLength, count] = out as [number, number];
  const hashes = new Uint32Array(count);
  let prev = 0;
  for (let k = 0; k < count; k++) {
    prev += out[2 + k]!;
    if (prev > 0xffffffff) return undefined;
    hashes[k] = prev;
  }
  // The filter is a power of two of bits, at least 32.
  const rest = binary.length - i;
  const words = rest >> 2;
  if (rest % 4 !== 0 || words < 1 || (words & (words - 1)) !== 0) return undefined;
  const bytes = new Uint8Array(rest);
  for (let k = 0; k < rest; k++) bytes[k] = binary.charCodeAt(i + k);
  const prefixes = new Uint32Array(bytes.buffer);
  return { hashes, prefixes, maxLength };
}

/** The question the first stage asks: may this text name anything in these key sets? */
export class Prefilter {
  private readonly keys: readonly PrefilterKeys[];
  private readonly maxLength: number;

  constructor(keys: readonly PrefilterKeys[]) {
    this.keys = keys.filter((k) => k.hashes.length > 0);
    this.maxLength = Math.max(0, ...this.keys.map((k) => k.maxLength));
  }

  /** False only when no name of the sets can be found in `text` (see the module's comment). */
  mayName(text: string): boolean {
    if (this.keys.length === 0) return false;
    const n = text.length;
    let inWord = false;
    for (let i = 0; i < n; i++) {
      const cls = classOf(text.charCodeAt(i));
      if (cls === MARK) continue;
      if (cls !== WORD && cls !== IDEO) {
        inWord = false;
        continue;
      }
      if (cls === WORD && inWord) continue;
      inWord = cls === WORD;
      if (this.walk(text, i)) return true;
    }
    return false;
  }

  /**
   * The tree's walk from `start` (./trie.ts): true on a boundary where the text read so far is a whole key.
   * It goes on across a separator or after an ideograph only where some key does.
   */
  private walk(text: string, start: number): boolean {
    const n = text.length;
    let h = FNV_OFFSET;
    let length = 0;
    let j = start;
    while (j < n && length < this.maxLength) {
      const code = text.charCodeAt(j);
      const cls = classOf(code);
      if (cls === WORD || cls === IDEO) {
        h = step(h, foldCode(code));
        length++;
        j++;
        while (j < n && classOf(text.charCodeAt(j)) === MARK) j++;
        const next = j < n ? classOf(text.charCodeAt(j)) : 0;
        if (next === WORD && cls === WORD) continue;
        if (this.whole(h)) return true;
        if (next !== WORD && next !== IDEO && next !== SEP) return false;
        if (!this.goesOn(h)) return false;
      } else if (cls === SEP) {
        let k = j + 1;
        if (code === 32 || code === 160) while (k < n && text.charCodeAt(k) === 32) k++;
        if (k >= n || classOf(text.charCodeAt(k)) !== WORD) return false;
        j = k;
      } else {
        return false;
      }
    }
    return false;
  }

  private goesOn(h: number): boolean {
    for (const k of this.keys) if (mayContinue(k.prefixes, h)) return true;
    return false;
  }

  private whole(h: number): boolean {
    for (const { hashes } of this.keys) {
      let lo = 0;
      let hi = hashes.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const v = hashes[mid]!;
        if (v === h) return true;
        if (v < h) lo = mid + 1;
        else hi = mid;
      }
    }
    return false;
  }
}
