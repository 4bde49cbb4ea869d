/**
 * A sighting: the reader's browser met an entity on a page. One record per page and entity, kept only on this
 * machine (IndexedDB `apt-lens-sightings`, written by the background alone).
 */
export interface Sighting {
  /** `entityId + '\n' + url`: one record per page and entity (a URL never holds a line feed). */
  key: string;
  entityId: string;
  /** The page URL without its fragment (the same page under another #anchor is the same sighting). */
  url: string;
  title: string;
  /** Host name of `url`, for the site filter. */
  site: string;
  /** The first sentence on the page that names the entity (trimmed, bounded). */
  sentence: string;
  /** RFC 3339. */
  firstSeen: string;
  /** RFC 3339, moved on each later visit. */
  lastSeen: string;
  /** How many visits saw it (1 on the first). */
  visits: number;
}

/** The key of the one record a page and an entity share. */
export function sightingKey(entityId: string, url: string): string {
  return `${entityId}\n${url}`;
}
