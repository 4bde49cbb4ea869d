/**
 * Character classes and folding for the matcher. Text is read one UTF-16 code unit at a time and each
 * unit is folded to one unit (case, diacritics, typographic variants), so offsets into the original text
 * never need a map: the matcher simply walks the original string.
 */

/** How the matcher treats a code unit. */
export const Cls = {
  /** Ends any name: punctuation, newline (a hard break), symbols. */
  other: 1,
  /** Letter or digit of a space-separated script. */
  word: 2,
  /** Space, hyphen, dot or underscore: may sit inside a name ("APT 31", "TEMP.Veles"). */
  sep: 3,
  /** Combining mark: ignored inside a word ("U" + U+0301 reads as "Ú"). */
  mark: 4,
  /** Han, kana: scripts written without spaces, so a name needs no word boundary around it. */
  ideo: 5,
} as const;

const SEPARATORS = ' \t\u00a0-\u2010\u2011\u2012\u2013._@\u2009\u202f\u2007';
const classCache = new Uint8Array(65536);
const foldCache = new Uint16Array(65536);

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;
const IDEOGRAPHIC = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Classes of Latin-1 Supplement (U+0080–U+00FF) and General Punctuation (U+2000–U+206F), one digit per
 * code unit: the curly quotes, dashes, spaces and accented letters of ordinary news text, answered without
 * compiling the Unicode patterns below (a fresh tab pays for each one it compiles). A test checks every
 * digit against `classByPattern`.
 */
const LATIN1_CLASSES =
  '11111111111111111111111111111111311111111121111111221211122122212222222222222222222222212222222222222222222222222222222122222222';
const PUNCTUATION_CLASSES =
  '1111111313111111333311111111111111111111111111131111111111111111111111111111111111111111111111111111111111111111';

function computeClass(code: number): number {
  if (code >= 0x80 && code < 0x100) return LATIN1_CLASSES.charCodeAt(code - 0x80) - 48;
  if (code >= 0x2000 && code < 0x2070) return PUNCTUATION_CLASSES.charCodeAt(code - 0x2000) - 48;
  return classByPattern(code);
}

/** The class of a code unit by its Unicode properties: the definition the tables above follow. */
export function classByPattern(code: number): number {
  const ch = String.fromCharCode(code);
  if (SEPARATORS.includes(ch)) return Cls.sep;
  if (IDEOGRAPHIC.test(ch)) return Cls.ideo;
  if (LETTER_OR_DIGIT.test(ch)) return Cls.word;
  if (MARK.test(ch)) return Cls.mark;
  return Cls.other;
}

/** The class of one code unit (cached lazily: building a full table would cost startup time). */
export function classOf(code: number): number {
  if (code < 128) {
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57))
      return Cls.word;
    // "@" sits inside a name ("admin@338"); joined to other words it makes an address, not a name (context.ts).
    if (code === 32 || code === 45 || code === 46 || code === 95 || code === 9 || code === 64) return Cls.sep;
    return Cls.other;
  }
  let c = classCache[code]!;
  if (c === 0) {
    c = computeClass(code);
    classCache[code] = c;
  }
  return c;
}

function stripMarks(ch: string): string {
  return ch.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Folds one code unit: lower case, no diacritics ("Ú" → "u"); a unit that folds to several stays itself. */
export function foldCode(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
  let f = foldCache[code]!;
  if (f === 0) {
    const folded = stripMarks(String.fromCharCode(code)).toLowerCase();
    f = folded.length === 1 ? folded.charCodeAt(0) : String.fromCharCode(code).toLowerCase().charCodeAt(0);
    foldCache[code] = f;
  }
  return f;
}

const strippedCache = new Map<number, string>();

function stripped(code: number): string {
  let s = strippedCache.get(code);
  if (s === undefined) {
    const ch = String.fromCharCode(code);
    s = stripMarks(ch) || ch;
    strippedCache.set(code, s);
  }
  return s;
}

/** Strips diacritics but keeps case: what exact-case names are compared on ("NÚKIB" = "NUKIB"). */
export function surfaceKey(text: string, start = 0, end = text.length): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const cls = classOf(code);
    if (cls !== Cls.word && cls !== Cls.ideo) continue;
    out += code < 128 ? text[i] : stripped(code);
  }
  return out;
}

/** Whether a name's characters are ideographic (then it needs no word boundaries). */
export function isIdeo(code: number): boolean {
  return classOf(code) === Cls.ideo;
}

/**
 * A name reduced to the folded letters and digits the trie stores, with the positions (counted in those
 * letters) after which the text may put a separator: where the name has one, and at a letter/digit or
 * letter/digit change ("APT31" → "APT 31").
 */
export interface NameKey {
  key: number[];
  breaks: Set<number>;
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/** Reduces a name to its trie key (plain loops: this runs for every name when the matcher is built). */
export function nameKey(name: string): NameKey {
  const key: number[] = [];
  const breaks = new Set<number>();
  let prev = -1;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    const cls = classOf(code);
    if (cls === Cls.word || cls === Cls.ideo) {
      if (prev >= 0) {
        // Only letter/digit changes open a gap: splitting camel case turned "DoNot" into "Do Not".
        if (isDigit(prev) !== isDigit(code)) breaks.add(key.length);
      }
      key.push(foldCode(code));
      prev = code;
    } else if (cls === Cls.sep || cls === Cls.other) {
      if (key.length > 0) breaks.add(key.length);
      prev = -1;
    }
  }
  return { key, breaks };
}
