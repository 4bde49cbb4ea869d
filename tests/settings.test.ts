import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  isPaused,
  isWatched,
  MAX_WATCHLIST,
  normalizeSettings,
  recordsSightingOf,
  withNotOnSite,
  withSitePaused,
  withWatched,
} from '../lib/settings';

describe('settings', () => {
  it('pauses and resumes one site, or everywhere', () => {
    const s = withSitePaused(DEFAULT_SETTINGS, 'news.example', true);
    expect(isPaused(s, 'news.example')).toBe(true);
    expect(isPaused(s, 'other.example')).toBe(false);
    expect(isPaused(withSitePaused(s, 'news.example', false), 'news.example')).toBe(false);
    expect(isPaused({ ...DEFAULT_SETTINGS, pausedEverywhere: true }, 'any.example')).toBe(true);
  });

  it('remembers entities turned off per site, once', () => {
    const s = withNotOnSite(
      withNotOnSite(DEFAULT_SETTINGS, 'a.example', 'lazarus-group'),
      'a.example',
      'lazarus-group',
    );
    expect(s.notOnSite).toEqual({ 'a.example': ['lazarus-group'] });
  });

  it('repairs whatever storage holds', () => {
    expect(normalizeSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(
      normalizeSettings({
        pausedEverywhere: 'yes',
        pausedSites: ['a', 3],
        style: 'neon',
        notOnSite: { b: ['x', 1] },
        showUncertain: 'on',
      }),
    ).toEqual({
      pausedEverywhere: false,
      pausedSites: ['a'],
      style: 'background',
      notOnSite: { b: ['x'] },
      showUncertain: false,
      watchlist: [],
      sightings: 'watched',
      keepQuery: false,
    });
    expect(normalizeSettings({ showUncertain: true }).showUncertain).toBe(true);
    expect(normalizeSettings({ keepQuery: true }).keepQuery).toBe(true);
  });

  it('keeps a watchlist of well-formed ids, once each, within its limit, and a known sightings mode', () => {
    const raw = { watchlist: ['apt31', 'APT 31', 'apt31', 7, 'ours-x', '__proto__'], sightings: 'all' };
    expect(normalizeSettings(raw)).toMatchObject({ watchlist: ['apt31', 'ours-x'], sightings: 'all' });
    expect(normalizeSettings({ sightings: 'off' }).sightings).toBe('off');
    expect(normalizeSettings({ sightings: 'everything' }).sightings).toBe('watched');
    expect(normalizeSettings({ watchlist: 'apt31' }).watchlist).toEqual([]);
    const long = Array.from({ length: MAX_WATCHLIST + 5 }, (_, i) => `e${i}`);
    expect(normalizeSettings({ watchlist: long }).watchlist).toHaveLength(MAX_WATCHLIST);
  });

  it('stars and unstars entities, and says which sightings are recorded', () => {
    const s = withWatched(withWatched(DEFAULT_SETTINGS, 'apt31', true), 'cn-mss', true);
    expect(s.watchlist).toEqual(['apt31', 'cn-mss']);
    expect(withWatched(s, 'apt31', true).watchlist).toEqual(['cn-mss', 'apt31']);
    expect(isWatched(s, 'apt31')).toBe(true);
    expect(withWatched(s, 'apt31', false).watchlist).toEqual(['cn-mss']);
    expect(recordsSightingOf(s, 'apt31')).toBe(true);
    expect(recordsSightingOf(s, 'apt28')).toBe(false);
    expect(recordsSightingOf({ ...s, sightings: 'all' }, 'apt28')).toBe(true);
    expect(recordsSightingOf({ ...s, sightings: 'off' }, 'apt31')).toBe(false);
    const full = { ...DEFAULT_SETTINGS, watchlist: Array.from({ length: MAX_WATCHLIST }, (_, i) => `e${i}`) };
    expect(withWatched(full, 'apt31', true)).toBe(full);
  });
});
