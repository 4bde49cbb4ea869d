/**
 * Names no one can make a name of the reader's KB: stop words, one or two characters, bare numbers. Each
 * would light up every page (and make every page a sighting), so the overlay's whole-overlay checks
 * (./validate.ts) refuse them on every write path, and the import readers leave them out of a record first
 * with a warning. Kept apart from ./name-risk.ts so the checks do not carry its word table.
 */

/** Words that carry no name at all: never a name of their own, and never all of one. */
const STOP_WORDS = new Set(
  (
    'a an the and or nor but if then else of to in on at by for from with without into onto upon over under ' +
    'about above below between among through during before after since until till via per as than so ' +
    'is are was were be been being am do does did done has have had having will would shall should can ' +
    'could may might must not no yes all any some each every both either neither this that these those ' +
    'it its he him his she her hers they them their theirs we us our ours you your yours i me my mine ' +
    'who whom whose which what when where why how here there also just only very too more most less least ' +
    'new old one two three other others own same such up down out off again once'
  ).split(' '),
);

/** Lower case without diacritics, as the stop words are written. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Why a name can never be one of the reader's (an import's or anyone's): a stop word or only stop words
 * ("the", "and", "with", "of the"), fewer than three letters and digits, or a number alone. Undefined: it can.
 */
export function unusableName(name: string): string | undefined {
  const chars = name.match(/[\p{L}\p{N}]/gu) ?? [];
  if (!/\p{L}/u.test(name)) return 'a number alone is not a name';
  if (chars.length < 3) return 'a name needs at least three letters or digits';
  const words = fold(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.every((w) => STOP_WORDS.has(w))) return 'a word every text uses is not a name';
  return undefined;
}
