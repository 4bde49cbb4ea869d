import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../lib/settings';
import { applySettingsChange, SettingsChangeSchema } from '../lib/settings-change';

describe('applySettingsChange', () => {
  it('sets only the values a change names', () => {
    const s = { ...DEFAULT_SETTINGS, keepQuery: true };
    expect(applySettingsChange(s, { op: 'set', values: { style: 'underline' } })).toEqual({
      ...s,
      style: 'underline',
    });
  });

  it('pauses and resumes a site, and stars and unstars an entity', () => {
    const paused = applySettingsChange(DEFAULT_SETTINGS, {
      op: 'pause-site',
      host: 'news.example',
      paused: true,
    });
    expect(paused.pausedSites).toEqual(['news.example']);
    expect(
      applySettingsChange(paused, { op: 'pause-site', host: 'news.example', paused: false }).pausedSites,
    ).toEqual([]);
    const watched = applySettingsChange(DEFAULT_SETTINGS, { op: 'watch', id: 'apt31', watched: true });
    expect(watched.watchlist).toEqual(['apt31']);
    expect(applySettingsChange(watched, { op: 'watch', id: 'apt31', watched: false }).watchlist).toEqual([]);
  });

  it('refuses unknown values, keys and entity ids in its schema', () => {
    const ok = (x: unknown) => v.safeParse(SettingsChangeSchema, x).success;
    expect(ok({ op: 'set', values: { sightings: 'all', keepQuery: false } })).toBe(true);
    expect(ok({ op: 'set', values: { style: 'neon' } })).toBe(false);
    expect(ok({ op: 'watch', id: 'not an id!', watched: true })).toBe(false);
    expect(ok({ op: 'replace', settings: DEFAULT_SETTINGS })).toBe(false);
    // A key the change does not know is dropped, never stored.
    expect(v.parse(SettingsChangeSchema, { op: 'set', values: { watchlist: ['x'] } })).toEqual({
      op: 'set',
      values: {},
    });
  });
});
