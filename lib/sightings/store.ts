/**
 * Every write to the sightings store, each page's in one transaction. Only the background calls these.
 * One record per page and entity: a later visit moves `lastSeen` (and counts the visit) instead of adding
 * a record. The store is bounded: past the cap, the records seen least recently are dropped.
 */
import type { SightingsDb } from './db';
import { type Sighting, sightingKey } from './model';

/** Most sightings kept; the Sightings view says so. */
export const MAX_SIGHTINGS = 50_000;

/** What one page contributes: its URL (without #fragment), title, when, and each entity's first sentence. */
export interface PageSightings {
  url: string;
  title: string;
  site: string;
  /** RFC 3339. */
  seenAt: string;
  /** Whether this report is a new visit of the page (a report after a watchlist change is not). */
  visit: boolean;
  entities: readonly { entityId: string; sentence: string }[];
}

/** What a page's write did. */
export interface RecordResult {
  added: number;
  updated: number;
  /** Old records dropped to stay within the cap. */
  dropped: number;
}

/** Records a page's sightings in one transaction, then drops the oldest past `cap`. */
export async function recordPage(
  db: SightingsDb,
  page: PageSightings,
  cap = MAX_SIGHTINGS,
): Promise<RecordResult> {
  const result: RecordResult = { added: 0, updated: 0, dropped: 0 };
  // One record per entity: a page naming it twice in the report keeps its first sentence.
  const entities = [...new Map(page.entities.map((e) => [e.entityId, e] as const).reverse()).values()];
  if (entities.length === 0) return result;
  const tx = db.transaction('sightings', 'readwrite');
  const store = tx.store;
  const olds = await Promise.all(entities.map((e) => store.get(sightingKey(e.entityId, page.url))));
  const writes: Promise<unknown>[] = [];
  entities.forEach((e, i) => {
    const old = olds[i];
    const next: Sighting = old
      ? {
          ...old,
          title: page.title || old.title,
          sentence: e.sentence || old.sentence,
          // biome-ignore lint/complexity/useMathMinMax: RFC 3339 timestamps compare as strings.
          lastSeen: page.seenAt > old.lastSeen ? page.seenAt : old.lastSeen,
          visits: old.visits + (page.visit ? 1 : 0),
        }
      : {
          key: sightingKey(e.entityId, page.url),
          entityId: e.entityId,
          url: page.url,
          title: page.title,
          site: page.site,
          sentence: e.sentence,
          firstSeen: page.seenAt,
          lastSeen: page.seenAt,
          visits: 1,
        };
    if (old) result.updated++;
    else result.added++;
    writes.push(store.put(next));
  });
  await Promise.all(writes);
  if (result.added > 0) {
    let over = (await store.count()) - cap;
    if (over > 0) {
      let cursor = await store.index('lastSeen').openCursor();
      while (cursor && over > 0) {
        await cursor.delete();
        result.dropped++;
        over--;
        cursor = await cursor.continue();
      }
    }
  }
  await tx.done;
  return result;
}

/** Removes every sighting; returns how many there were. */
export async function clearSightings(db: SightingsDb): Promise<number> {
  const tx = db.transaction('sightings', 'readwrite');
  const n = await tx.store.count();
  await tx.store.clear();
  await tx.done;
  return n;
}
