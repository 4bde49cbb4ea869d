/**
 * Words that point at a country (names, adjectives, capitals), so a generic name ("the Ministry of Foreign
 * Affairs", "NCSC") or an ambiguous one can be tied to the country the text is about.
 */
import { lowerBound } from './word-index';

/** ISO code → the words that name it, as the English press writes them. */
const CUES: Record<string, string> = {
  CN: 'China|Chinese|Beijing|PRC',
  RU: 'Russia|Russian|Moscow|Kremlin',
  KP: 'North Korea|North Korean|Pyongyang|DPRK',
  KR: 'South Korea|South Korean|Seoul',
  IR: 'Iran|Iranian|Tehran',
  CZ: 'Czech Republic|Czechia|Czech|Prague',
  // The states name the country in US news ("a warning about ransomware in Texas"); Georgia is also a
  // country, so it names neither.
  US: 'United States|U\\.S\\.|US|USA|American|Americans|Washington|Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|West Virginia|Wisconsin|Wyoming',
  GB: 'United Kingdom|UK|U\\.K\\.|Britain|British|London',
  DE: 'Germany|German|Berlin',
  FR: 'France|French|Paris',
  UA: 'Ukraine|Ukrainian|Kyiv|Kiev',
  AU: 'Australia|Australian|Canberra',
  CA: 'Canada|Canadian|Ottawa',
  NL: 'Netherlands|Dutch|The Hague',
  BE: 'Belgium|Belgian',
  PL: 'Poland|Polish|Warsaw',
  SK: 'Slovakia|Slovak|Bratislava',
  EE: 'Estonia|Estonian|Tallinn',
  LT: 'Lithuania|Lithuanian|Vilnius',
  LV: 'Latvia|Latvian|Riga',
  FI: 'Finland|Finnish|Helsinki',
  SE: 'Sweden|Swedish|Stockholm',
  NO: 'Norway|Norwegian|Oslo',
  DK: 'Denmark|Danish|Copenhagen',
  IT: 'Italy|Italian|Rome',
  ES: 'Spain|Spanish|Madrid',
  PT: 'Portugal|Portuguese|Lisbon',
  IE: 'Ireland|Irish|Dublin',
  CH: 'Switzerland|Swiss|Bern',
  AT: 'Austria|Austrian|Vienna',
  HU: 'Hungary|Hungarian|Budapest',
  RO: 'Romania|Romanian|Bucharest',
  BG: 'Bulgaria|Bulgarian|Sofia',
  GR: 'Greece|Greek|Athens',
  BY: 'Belarus|Belarusian|Minsk',
  MD: 'Moldova|Moldovan|Chisinau',
  GE: 'Georgian|Tbilisi',
  TR: 'Turkey|Turkish|Türkiye|Ankara',
  IL: 'Israel|Israeli|Jerusalem|Tel Aviv',
  LB: 'Lebanon|Lebanese|Beirut',
  SY: 'Syria|Syrian|Damascus',
  SA: 'Saudi Arabia|Saudi|Riyadh',
  AE: 'United Arab Emirates|UAE|Emirati|Abu Dhabi',
  IN: 'India|Indian|New Delhi',
  PK: 'Pakistan|Pakistani|Islamabad',
  JP: 'Japan|Japanese|Tokyo',
  TW: 'Taiwan|Taiwanese|Taipei',
  VN: 'Vietnam|Vietnamese|Hanoi',
  SG: 'Singapore|Singaporean',
  MY: 'Malaysia|Malaysian|Kuala Lumpur',
  ID: 'Indonesia|Indonesian|Jakarta',
  PH: 'Philippines|Philippine|Filipino|Manila',
  TH: 'Thailand|Thai|Bangkok',
  NZ: 'New Zealand|Wellington',
  BR: 'Brazil|Brazilian|Brasília',
  MX: 'Mexico|Mexican',
};

/** A country word found in a text. */
export interface CountryCue {
  start: number;
  end: number;
  country: string;
}

let cueRegex: RegExp | undefined;
const countryOfWord = new Map<string, string>();

function regex(): RegExp {
  if (!cueRegex) {
    const words: string[] = [];
    for (const [country, list] of Object.entries(CUES)) {
      for (const w of list.split('|')) {
        words.push(w);
        countryOfWord.set(w.replaceAll('\\', ''), country);
      }
    }
    words.sort((a, b) => b.length - a.length);
    cueRegex = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  }
  return cueRegex;
}

/** Every country word of a text, in order (proper nouns: matched in their written case). */
export function findCountryCues(text: string): CountryCue[] {
  const re = regex();
  re.lastIndex = 0;
  const cues: CountryCue[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const country = countryOfWord.get(m[0]);
    if (country) cues.push({ start: m.index, end: m.index + m[0].length, country });
  }
  return cues;
}

/** How close a cue must be to count as the name's own qualifier ("Czech Ministry", "China's MSS"). */
const ADJACENT = 30;
/** What a cue anywhere else in the text weighs. */
const FAR = 0.05;

/**
 * The country words of one text, indexed so that scoring a name looks only at the cues near it: the
 * others all weigh the same, so they are counted once per text.
 */
export class CountryCues {
  private readonly starts: number[];
  private readonly ends: number[];
  /** How many cues of each country the whole text has. */
  private readonly totals = new Map<string, number>();

  constructor(private readonly cues: readonly CountryCue[]) {
    this.starts = cues.map((c) => c.start);
    this.ends = cues.map((c) => c.end);
    for (const cue of cues) this.totals.set(cue.country, (this.totals.get(cue.country) ?? 0) + 1);
  }

  /**
   * Scores a country for a name at [start, end): a cue right before or after it weighs most, then nearby
   * cues by distance, then (barely) the whole text, so a text about one country still decides.
   */
  /** The country written right next to [start, end) as its qualifier, if any (see `adjacentCountry`). */
  adjacent(text: string, start: number, end: number): string | undefined {
    const from = lowerBound(this.ends, start - 8);
    const to = lowerBound(this.starts, end + 11);
    return from < to ? adjacentCountry(this.cues.slice(from, to), text, start, end) : undefined;
  }

  /** Whether a country word lies inside [start, end) ("Australian Federal Police"). */
  within(start: number, end: number): boolean {
    const i = lowerBound(this.starts, start);
    return i < this.starts.length && this.ends[i]! <= end;
  }

  /** The best-scoring country for a name at [start, end) among the cues within `window`, if any. */
  best(start: number, end: number, window: number): { country: string; score: number } | undefined {
    let best: { country: string; score: number } | undefined;
    const last = lowerBound(this.starts, end + window + 1);
    for (let i = lowerBound(this.ends, start - window); i < last; i++) {
      const country = this.cues[i]!.country;
      const score = this.score(country, start, end, window);
      if (!best || score > best.score) best = { country, score };
    }
    return best;
  }

  score(country: string, start: number, end: number, window: number): number {
    let score = (this.totals.get(country) ?? 0) * FAR;
    // Cues do not overlap, so their ends are sorted as their starts are.
    const last = lowerBound(this.starts, end + window + 1);
    for (let i = lowerBound(this.ends, start - window); i < last; i++) {
      const cue = this.cues[i]!;
      if (cue.country !== country) continue;
      const distance = cue.end <= start ? start - cue.end : cue.start >= end ? cue.start - end : 0;
      if (distance <= ADJACENT) score += 10 - FAR;
      else if (distance <= window) score += 1 + (window - distance) / window - FAR;
    }
    return score;
  }
}

/** Whether a word is a country's name, adjective or capital ("Chinese", "Kremlin" is not one). */
export function isCountryWord(word: string): boolean {
  regex();
  return countryOfWord.has(word.replace(/['’]s$/, ''));
}

const POSSESSIVE_GAP = /^(?:['’]s)?[ \u00a0](?:own[ \u00a0])?$/;
const OF_GAP = /^(?:[ \u00a0]of[ \u00a0](?:the[ \u00a0])?|[ \u00a0]?\(|,[ \u00a0])$/;

/**
 * The country written right next to a name, as its qualifier: before it ("China's MSS", "Chinese Ministry
 * of …", "the Czech NÚKIB") or after it ("Ministry of Defence of Ukraine", "NCSC (Finland)"). A country
 * there says whose body the name is; one further away only hints.
 */
export function adjacentCountry(
  cues: readonly CountryCue[],
  text: string,
  start: number,
  end: number,
): string | undefined {
  for (const cue of cues) {
    if (cue.end <= start && start - cue.end <= 8 && POSSESSIVE_GAP.test(text.slice(cue.end, start)))
      return cue.country;
    if (cue.start >= end && cue.start - end <= 10 && OF_GAP.test(text.slice(end, cue.start)))
      return cue.country;
  }
  return undefined;
}
