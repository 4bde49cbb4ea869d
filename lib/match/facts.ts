/**
 * What one scan knows about the whole text, computed once per text and only when a rule asks: the
 * context words near a position, the names near it, the country words, acronym definitions, headline-case
 * lines. Every window query is answered from sorted positions by binary search, so a text dense with
 * names costs about as much per candidate as a sparse one.
 */
import {
  AGENCY,
  acronymDefinitions,
  agencyContextWins,
  CYBER,
  cyberContext,
  isTitleCaseLine,
  OTHER_FIELD,
  WINDOW,
} from './context';
import { CountryCues, findCountryCues } from './countries';
import { lowerBound, WordIndex } from './word-index';

/** A candidate's start and the ids it may mean. */
export interface Placed {
  start: number;
  ids: readonly string[];
}

/** Names placed in text order, counted per window. */
class PlacedIndex {
  private readonly starts: number[];

  constructor(private readonly placed: readonly Placed[]) {
    this.starts = placed.map((p) => p.start);
  }

  /** Names within `WINDOW` of `start` that may mean something other than `id` (a name does not vouch for itself). */
  countNear(start: number, id: string): number {
    return this.countBetween(start - WINDOW, start + WINDOW, id);
  }

  /** Names starting in [lo, hi] that may mean something other than `id`. */
  countBetween(lo: number, hi: number, id: string): number {
    let count = 0;
    const last = lowerBound(this.starts, hi + 1);
    for (let i = lowerBound(this.starts, lo); i < last; i++) {
      if (!this.placed[i]!.ids.includes(id)) count++;
    }
    return count;
  }
}

/** What ends a sentence before a name (a period inside "U.S." is followed by a letter, not a space). */
const SENTENCE_ENDS = ['. ', '? ', '! ', '.\u00a0'];

/** The per-text evidence the precision rules and the ranking read. */
export class TextFacts {
  private cues?: CountryCues;
  private definitions?: Map<string, string>;
  private cyber?: WordIndex;
  private agency?: WordIndex;
  private otherField?: WordIndex;
  private readonly titleLines = new Map<number, boolean>();
  private readonly positions: PlacedIndex;
  private readonly actorPositions: PlacedIndex;

  constructor(
    readonly text: string,
    readonly strong: ReadonlySet<string>,
    positions: readonly Placed[],
    actorPositions: readonly Placed[],
    private readonly pageDefinitions?: ReadonlyMap<string, string>,
  ) {
    this.positions = new PlacedIndex(positions);
    this.actorPositions = new PlacedIndex(actorPositions);
  }

  /** The text's country words, found on first use (only shared names need them). */
  countryCues(): CountryCues {
    this.cues ??= new CountryCues(findCountryCues(this.text));
    return this.cues;
  }

  /** What the text spells an acronym out as ("Financial Stability Board (FSB)"), if it does. */
  definedAs(acronym: string): string | undefined {
    this.definitions ??= acronymDefinitions(this.text);
    return this.definitions.get(acronym) ?? this.pageDefinitions?.get(acronym);
  }

  /** Security-field words near [start, end), counted up to `enough`. */
  cyberWords(start: number, end: number, enough?: number): number {
    this.cyber ??= new WordIndex(this.text, CYBER);
    return cyberContext(this.cyber, start, end, enough);
  }

  /**
   * Security-field words near [start, end) in the same block (line) only: a generic name needs evidence in
   * its own paragraph, not in a neighbouring story's teaser.
   */
  cyberWordsInSentence(start: number, end: number, enough = 2): number {
    this.cyber ??= new WordIndex(this.text, CYBER);
    const [lo, hi] = this.blockWindow(start, end);
    return Math.min(enough, this.cyber.count(lo, hi));
  }

  /** Other distinctive actor names in the same sentence: they put that sentence in the field. */
  actorsInSentence(start: number, end: number, id: string): number {
    const [lo, hi] = this.blockWindow(start, end);
    return this.actorPositions.countBetween(lo, hi, id);
  }

  /**
   * The sentence around [start, end), within `WINDOW`: a generic name needs its evidence in its own
   * sentence, not in the next story of the same paragraph ("The Longhorn quarterback … Separately, a
   * ransomware attack …").
   */
  private blockWindow(start: number, end: number): [number, number] {
    const { text } = this;
    const from = Math.max(0, start - WINDOW);
    const before = text.slice(from, start);
    const cut = Math.max(before.lastIndexOf('\n'), ...SENTENCE_ENDS.map((e) => before.lastIndexOf(e)));
    const after = text.slice(end, Math.min(text.length, end + WINDOW));
    const stop = after.search(/[.!?](?:\s|$)|\n/);
    return [cut < 0 ? from : from + cut + 1, stop < 0 ? end + after.length : end + stop + 1];
  }

  /** Whether agency words near an acronym outweigh finance, law and policy words. */
  agencyContextWins(start: number, end: number, id: string): boolean {
    this.agency ??= new WordIndex(this.text, AGENCY);
    this.otherField ??= new WordIndex(this.text, OTHER_FIELD);
    return agencyContextWins(this.agency, this.otherField, start, end, this.positions.countNear(start, id));
  }

  /** Whether words of finance, law and policy near an acronym outnumber the agency words there. */
  otherFieldWins(start: number, end: number, id: string): boolean {
    this.agency ??= new WordIndex(this.text, AGENCY);
    this.otherField ??= new WordIndex(this.text, OTHER_FIELD);
    const agencyWords = this.positions.countNear(start, id) + this.agency.count(start - WINDOW, end + WINDOW);
    return this.otherField.count(start - WINDOW, end + WINDOW) > agencyWords;
  }

  /** Whether the line holding `start` is in headline case (asked once per line). */
  titleCaseLine(start: number): boolean {
    const lineStart = this.text.lastIndexOf('\n', start) + 1;
    let known = this.titleLines.get(lineStart);
    if (known === undefined) {
      known = isTitleCaseLine(this.text, start);
      this.titleLines.set(lineStart, known);
    }
    return known;
  }

  /** Other actor names near a position, even ambiguous ones: they put the text in the security field. */
  nearbyActors(start: number, id: string): number {
    return this.actorPositions.countNear(start, id);
  }
}
