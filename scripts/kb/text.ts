/** Text helpers shared by the compiler stages: one folding rule everywhere, so keys agree. */
import { MAX_ENTITY_ID_LENGTH } from '../../lib/kb/entity-id';

/** Case- and diacritic-insensitive key with collapsed whitespace: "NÚKIB" and "nukib" meet here. */
export function fold(s: string): string {
  return stripMarks(s).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Removes combining marks, for the diacritic-free spellings the press uses ("NUKIB"). */
export function stripMarks(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

/** Lowercase ASCII slug for ids: "Sandworm Team" → "sandworm-team". */
export function slug(s: string): string {
  return stripMarks(s)
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * An id that fits the KB id pattern's length: a longer one is cut at a hyphen and given `salt` (a few
 * characters of the upstream record's UUID) so two long names that share a start stay apart.
 */
export function fitId(id: string, salt: string, max = MAX_ENTITY_ID_LENGTH): string {
  if (id.length <= max) return id;
  const room = max - salt.length - 1;
  const cut = id.lastIndexOf('-', room);
  return `${id.slice(0, cut > 0 ? cut : room)}-${salt}`;
}

/** Collapses runs of whitespace, trims, and writes typographic hyphens as "-"; upstream names carry both. */
export function tidy(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/[\u2010\u2011]/g, '-')
    .trim();
}

/** True when the string has letters and none of them is lowercase ("ZIRCONIUM", "TA412"). */
export function isAllCaps(s: string): boolean {
  return /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s);
}

/**
 * "JUDGMENT PANDA" → "Judgment Panda": multi-word all-caps vendor names read as names in the news, while a
 * single all-caps token (ZIRCONIUM, APT31) stays a code.
 */
export function displayForm(s: string): string {
  const words = s.split(' ');
  if (words.length < 2 || !isAllCaps(s) || !words.every((w) => /^\p{Lu}{3,}$/u.test(w))) return s;
  return words.map((w) => w[0] + w.slice(1).toLowerCase()).join(' ');
}

/** Sorts strings by a stable, locale-independent order so the output is byte-identical everywhere. */
export function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
