/**
 * The KB as an extension page sees it: the reader's own entities over the bundled ones, kept current as the
 * overlay changes. Names and cards come from the current lookup; the sponsor facts and the entity search
 * are indexed on first use (a filter, a chart, a typed name), never while the page opens, and again after
 * the reader's KB changed.
 */
import { loadKb } from '../kb/index';
import { createSearch, type Search, type SearchResult } from '../kb/search';
import { OverlayLookup } from './lookup';
import type { Overlay } from './model';
import { type FactsOf, kbFacts, withOverlayFacts } from './sponsor-facts';

/** The reader's KB over the bundled one, for a page that lives as long as its tab. */
export class ReaderKb {
  private current = new OverlayLookup();
  private bundledFacts: FactsOf | undefined;
  private factsIndex: { lookup: OverlayLookup; facts: FactsOf } | undefined;
  private searchIndex: { lookup: OverlayLookup; search: Search } | undefined;

  /** The lookup of the reader's KB as last read (the bundled KB alone until then). */
  get lookup(): OverlayLookup {
    return this.current;
  }

  /** The reader's KB was read or changed. */
  set(overlay: Overlay): void {
    this.current = new OverlayLookup(overlay);
  }

  /** Sponsor facts of bundled and own entities. */
  readonly facts: FactsOf = (id) => {
    const lookup = this.current;
    if (this.factsIndex?.lookup !== lookup) {
      this.bundledFacts ??= kbFacts(loadKb());
      const facts = withOverlayFacts(
        lookup.overlay,
        this.bundledFacts,
        (g) => lookup.entity(g)?.entity.country,
      );
      this.factsIndex = { lookup, facts };
    }
    return this.factsIndex.facts(id);
  };

  /** Actors and agencies, bundled or own, matching a typed name (tens of milliseconds to index). */
  find(query: string, limit: number): SearchResult[] {
    const lookup = this.current;
    if (this.searchIndex?.lookup !== lookup)
      this.searchIndex = { lookup, search: createSearch(lookup.searchable()) };
    return this.searchIndex.search(query, limit);
  }
}
