/** The popup's knowledge-base chunk, imported after the first paint: the KB, its search index and cards. */
import type { PopupKb } from '../../components/popup/Popup';
import { cardDataFor } from '../../lib/kb/card-data';
import { loadKb } from '../../lib/kb/index';
import { createSearch, searchFacets } from '../../lib/kb/search';

/** Builds the search index over the whole KB (the slow part of opening the popup, so it comes second). */
export function createPopupKb(): PopupKb {
  const kb = loadKb();
  return { search: createSearch(kb), facets: searchFacets(kb), card: cardDataFor };
}
