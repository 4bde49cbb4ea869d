/** A name's identity to the matcher, shared by the overlay's checks and its imports. */
import { nameKey } from '../match/chars';

/**
 * A name as the matcher knows it: folded letters and digits only, so case, accents, spacing and punctuation
 * never make two names differ ("APT 31" is "APT31", "NÚKIB" is "nukib"). Two names with the same key are the
 * same name on a page: what an import calls known is what the store calls taken.
 */
export function matchKey(name: string): string {
  return String.fromCharCode(...nameKey(name).key);
}
