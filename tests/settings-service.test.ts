import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { dispatch, type SettingsRequest } from '../lib/protocol';
import { DEFAULT_SETTINGS, type Settings } from '../lib/settings';
import { changeSettings, loadSettings, openSettingsDb } from '../lib/settings-db';
import { type SettingsAccess, settingsHandlers } from '../lib/settings-service';

/** Runs one settings request as the background would, from a sender at `url`. */
const handleSettingsRequest = <R extends SettingsRequest>(
  req: R,
  url: string | undefined,
  s: SettingsAccess,
) => dispatch(settingsHandlers(s), req, { url });

let n = 0;
async function store(initial: Partial<Settings> = {}): Promise<SettingsAccess> {
  const db = await openSettingsDb(`settings-service-${++n}`);
  await changeSettings(
    db,
    () => ({ ...DEFAULT_SETTINGS, ...initial }),
    () => DEFAULT_SETTINGS,
  );
  return {
    read: async () => (await loadSettings(db)) ?? DEFAULT_SETTINGS,
    change: (c) => changeSettings(db, c, () => DEFAULT_SETTINGS),
  };
}

const reader: Partial<Settings> = {
  pausedSites: ['bank.example', 'news.example'],
  notOnSite: { 'bank.example': ['apt28'], 'news.example': ['apt31'] },
  watchlist: ['apt31', 'cn-mss'],
  sightings: 'off',
  keepQuery: true,
};

describe('settingsHandlers', () => {
  it("gives a page only its own site's view: nothing of other sites, the sightings mode or address keeping", async () => {
    const s = await store(reader);
    const view = await handleSettingsRequest({ type: 'settings:page' }, 'https://news.example/a', s);
    expect(view).toEqual({
      ...DEFAULT_SETTINGS,
      pausedSites: ['news.example'],
      notOnSite: { 'news.example': ['apt31'] },
      watchlist: ['apt31', 'cn-mss'],
      sightings: 'watched',
      keepQuery: false,
    });
    const elsewhere = await handleSettingsRequest({ type: 'settings:page' }, 'https://other.example/', s);
    expect(elsewhere).toMatchObject({ pausedSites: [], notOnSite: {} });
  });

  it("writes 'not on this site' for the sender's site only", async () => {
    const s = await store(reader);
    await handleSettingsRequest({ type: 'settings:not-on-site', id: 'apt41' }, 'https://news.example/a', s);
    expect((await s.read()).notOnSite).toEqual({
      'bank.example': ['apt28'],
      'news.example': ['apt31', 'apt41'],
    });
    await expect(
      handleSettingsRequest({ type: 'settings:not-on-site', id: 'apt41' }, undefined, s),
    ).rejects.toThrow();
  });

  it('stars and unstars one entity from a card, leaving the rest of the settings alone', async () => {
    const s = await store(reader);
    const view = await handleSettingsRequest(
      { type: 'settings:watch', id: 'apt41', watched: true },
      'https://news.example/a',
      s,
    );
    expect(view.watchlist).toEqual(['apt31', 'cn-mss', 'apt41']);
    await handleSettingsRequest(
      { type: 'settings:watch', id: 'apt31', watched: false },
      'https://news.example/a',
      s,
    );
    expect(await s.read()).toEqual({ ...DEFAULT_SETTINGS, ...reader, watchlist: ['cn-mss', 'apt41'] });
  });

  it('gives extension pages the whole settings and stores what they put, repaired', async () => {
    const s = await store(reader);
    expect(
      await handleSettingsRequest({ type: 'settings:get' }, 'chrome-extension://x/popup.html', s),
    ).toEqual({
      ...DEFAULT_SETTINGS,
      ...reader,
    });
    const put = await handleSettingsRequest(
      { type: 'settings:put', settings: { style: 'neon', watchlist: ['apt31', 'not an id!'] } as never },
      'chrome-extension://x/dashboard.html',
      s,
    );
    expect(put).toEqual({ ...DEFAULT_SETTINGS, watchlist: ['apt31'] });
  });
});
