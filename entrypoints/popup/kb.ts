/**
 * The popup's knowledge-base chunk, imported after the first paint: the KB with the reader's overlay over
 * it, its search index and cards.
 */
import type { PopupKb } from '../../components/popup/Popup';
import { loadKb } from '../../lib/kb/index';
import { createSearch, searchFacets } from '../../lib/kb/search';
import { openOverlayDb, readOverlay } from '../../lib/overlay/db';
import { OverlayLookup } from '../../lib/overlay/lookup';
import { EMPTY_OVERLAY } from '../../lib/overlay/model';

async function storedOverlay() {
  const db = await openOverlayDb();
  const { overlay } = await readOverlay(db);
  db.close();
  return overlay;
}

/** Builds the search index over the whole KB and the reader's own (the slow part of opening the popup). */
export async function createPopupKb(): Promise<PopupKb> {
  // An unreadable overlay must not cost the reader the bundled KB's search.
  const overlay = await storedOverlay().catch(() => EMPTY_OVERLAY);
  const lookup = new OverlayLookup(overlay);
  const kb = lookup.searchable(loadKb());
  return { search: createSearch(kb), facets: searchFacets(kb), card: (id) => lookup.card(id) };
}
