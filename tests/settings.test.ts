import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  isPaused,
  normalizeSettings,
  withNotOnSite,
  withSitePaused,
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
    });
    expect(normalizeSettings({ showUncertain: true }).showUncertain).toBe(true);
  });
});
