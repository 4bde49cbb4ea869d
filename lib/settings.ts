/**
 * The reader's choices. They are private (what the reader watches, which sites they paused or corrected):
 * the background keeps them in its own database (`lib/settings-db.ts`), extension pages read and write them
 * through it, and a content script gets only its own site's view (`pageView`).
 */
import { isEntityId } from './kb/entity-id';

/** How painted names look: a tinted background or an underline (the user's choice). */
export type HighlightStyle = 'background' | 'underline';

/**
 * Which pages' mentions are recorded as sightings (only on this machine): pages naming a watched entity
 * (the default), every entity met, or none.
 */
export type SightingsMode = 'watched' | 'all' | 'off';

/** Most entities a watchlist holds (a hand-edited or imported list is cut there). */
export const MAX_WATCHLIST = 1000;

/** Everything the reader can set. */
export interface Settings {
  /** Highlighting off everywhere. */
  pausedEverywhere: boolean;
  /** Host names where highlighting is off. */
  pausedSites: string[];
  style: HighlightStyle;
  /** Per host name: entity ids the reader said are not meant on that site. */
  notOnSite: Record<string, string[]>;
  /** Paint names the matcher is unsure of (below `UNCERTAIN_BELOW`) in their own style instead of hiding them. */
  showUncertain: boolean;
  /** Entity ids the reader follows: marked on pages, counted on the toolbar badge, listed first. */
  watchlist: string[];
  sightings: SightingsMode;
  /** Keep query strings in stored addresses (only tracking parameters removed); off: addresses lose them. */
  keepQuery: boolean;
}

/** What a new install starts with. */
export const DEFAULT_SETTINGS: Settings = {
  pausedEverywhere: false,
  pausedSites: [],
  style: 'background',
  notOnSite: {},
  showUncertain: false,
  watchlist: [],
  sightings: 'watched',
  keepQuery: false,
};

/** Whether highlighting is off for this host. */
export function isPaused(s: Settings, host: string): boolean {
  return s.pausedEverywhere || s.pausedSites.includes(host);
}

/** Returns settings with this host paused or resumed. */
export function withSitePaused(s: Settings, host: string, paused: boolean): Settings {
  const others = s.pausedSites.filter((h) => h !== host);
  return { ...s, pausedSites: paused ? [...others, host] : others };
}

/** Returns settings where `id` is no longer highlighted on `host`. */
export function withNotOnSite(s: Settings, host: string, id: string): Settings {
  const list = s.notOnSite[host] ?? [];
  return list.includes(id) ? s : { ...s, notOnSite: { ...s.notOnSite, [host]: [...list, id] } };
}

/** Whether the reader watches this entity. */
export function isWatched(s: Settings, id: string): boolean {
  return s.watchlist.includes(id);
}

/** Returns settings with `id` starred (at the end of the list) or unstarred. */
export function withWatched(s: Settings, id: string, watched: boolean): Settings {
  const others = s.watchlist.filter((x) => x !== id);
  if (watched && others.length >= MAX_WATCHLIST) return s;
  return { ...s, watchlist: watched ? [...others, id] : others };
}

/** Whether a sighting of `id` is recorded under these settings (pauses are checked apart, per site). */
export function recordsSightingOf(s: Settings, id: string): boolean {
  return s.sightings === 'all' || (s.sightings === 'watched' && s.watchlist.includes(id));
}

/** Repairs whatever storage holds (older versions, hand edits) into valid settings. */
export function normalizeSettings(raw: unknown): Settings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  const notOnSite: Record<string, string[]> = {};
  if (typeof r.notOnSite === 'object' && r.notOnSite !== null) {
    for (const [host, ids] of Object.entries(r.notOnSite))
      if (host !== '__proto__') notOnSite[host] = strings(ids);
  }
  return {
    pausedEverywhere: r.pausedEverywhere === true,
    pausedSites: strings(r.pausedSites),
    style: r.style === 'underline' ? 'underline' : 'background',
    notOnSite,
    showUncertain: r.showUncertain === true,
    watchlist: [...new Set(strings(r.watchlist).filter(isEntityId))].slice(0, MAX_WATCHLIST),
    sightings: r.sightings === 'all' || r.sightings === 'off' ? r.sightings : 'watched',
    keepQuery: r.keepQuery === true,
  };
}

/**
 * What a content script on `host` is told: whether it is paused there, how to paint, what the reader
 * said is not meant on this site, and the watchlist (it marks watched names on the page, so it must know
 * them). Nothing of other sites (their pauses and corrections), whether sightings are off or on for
 * watched names only, or how addresses are kept.
 */
export function pageView(s: Settings, host: string): Settings {
  const notOnSite = Object.hasOwn(s.notOnSite, host) ? { [host]: [...(s.notOnSite[host] ?? [])] } : {};
  return {
    pausedEverywhere: s.pausedEverywhere,
    pausedSites: s.pausedSites.includes(host) ? [host] : [],
    style: s.style,
    notOnSite,
    showUncertain: s.showUncertain,
    watchlist: [...s.watchlist],
    sightings: s.sightings === 'all' ? 'all' : 'watched',
    keepQuery: false,
  };
}
