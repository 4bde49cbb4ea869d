/**
 * A per-tab limit on how many different pages a tab may have recorded as sightings in a sliding window. A
 * reader opens a few articles a minute in one tab; a page that reloads itself under made-up URLs (or a
 * single-page site that pushes a new address every few milliseconds) wants hundreds. Past the limit the
 * tab's reports still count for the badge but record nothing until the window moves on.
 */

/** Most different pages one tab may have recorded per window. */
export const PAGES_PER_TAB = 6;

/** The window, in milliseconds. */
export const TAB_WINDOW_MS = 60_000;

/** Most tabs remembered at once (a closed tab's entry is forgotten; this bounds a leak if one is not). */
const MAX_TABS = 1000;

/** The pages each tab had recorded recently, with when; the background keeps one for its life. */
export class TabRateLimit {
  private readonly tabs = new Map<number, Map<string, number>>();

  constructor(
    private readonly limit = PAGES_PER_TAB,
    private readonly windowMs = TAB_WINDOW_MS,
  ) {}

  /**
   * Whether `tabId` may record `url` at `now` (ms): yes for a page it recorded within the window (a later
   * report of the same page), else only while it recorded fewer than `limit` pages in the window.
   */
  allow(tabId: number, url: string, now: number): boolean {
    let seen = this.tabs.get(tabId);
    if (!seen) {
      if (this.tabs.size >= MAX_TABS) this.tabs.delete(this.tabs.keys().next().value as number);
      seen = new Map();
      this.tabs.set(tabId, seen);
    }
    for (const [u, at] of seen) if (now - at >= this.windowMs) seen.delete(u);
    if (seen.has(url)) return true;
    if (seen.size >= this.limit) return false;
    seen.set(url, now);
    return true;
  }

  /** Forgets a closed tab. */
  forget(tabId: number): void {
    this.tabs.delete(tabId);
  }
}
