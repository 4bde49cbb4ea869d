/**
 * Every write to the sightings store, each page's in one transaction. Only the background calls these.
 * One record per page and entity: a later visit moves `lastSeen` (and counts the visit) instead of adding
 * a record. The store is bounded, and fairly: a site holds at most `MAX_PER_SITE` records (past it, that
 * site's own least recently seen go), and a full store drops the least recently seen records of the site that
 * holds the most. A page that floods the store under made-up URLs evicts only its own site's history, never
 * another site's (unless it is itself the largest).
 */
import type { IDBPObjectStore } from 'idb';
import type { SightingsDb, SightingsSchema } from './db';
import { type Sighting, sightingKey } from './model';

/** Most sightings kept; the Sightings view says so. */
export const MAX_SIGHTINGS = 50_000;

/** Most sightings one site (host name) keeps: a tenth of the store, so ten sites fill it at the least. */
export const MAX_PER_SITE = 5_000;

type Store = IDBPObjectStore<SightingsSchema, ['sightings'], 'sightings', 'readwrite'>;

/** A site's records in the `siteSeen` index, oldest first. */
function siteRange(site: string): IDBKeyRange {
  return IDBKeyRange.bound([site, ''], [site, '\uffff']);
}

/** Deletes the `n` least recently seen records of `site`; returns how many went. */
async function dropOldestOf(store: Store, site: string, n: number): Promise<number> {
  let dropped = 0;
  let cursor = await store.index('siteSeen').openCursor(siteRange(site));
  while (cursor && dropped < n) {
    await cursor.delete();
    dropped++;
    cursor = await cursor.continue();
  }
  return dropped;
}

/** The site holding the most records (one count per site, skipping from each site to the next). */
async function largestSite(store: Store): Promise<string | undefined> {
  let best: string | undefined;
  let most = 0;
  let cursor = await store.index('siteSeen').openKeyCursor();
  while (cursor) {
    const site = cursor.key[0];
    const n = await store.index('siteSeen').count(siteRange(site));
    if (n > most) {
      most = n;
      best = site;
    }
    cursor = await cursor.continue([site, '\uffff']);
  }
  return best;
}

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

/**
 * Records a page's sightings in one transaction, then keeps the page's site within `perSite` and the store
 * within `cap` (see the module's note on fairness).
 */
export async function recordPage(
  db: SightingsDb,
  page: PageSightings,
  cap = MAX_SIGHTINGS,
  perSite = MAX_PER_SITE,
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
    const own = (await store.index('siteSeen').count(siteRange(page.site))) - perSite;
    if (own > 0) result.dropped += await dropOldestOf(store, page.site, own);
    let over = (await store.count()) - cap;
    while (over > 0) {
      const site = await largestSite(store);
      if (site === undefined) break;
      const n = await dropOldestOf(store, site, over);
      if (n === 0) break;
      result.dropped += n;
      over -= n;
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
