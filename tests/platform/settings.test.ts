import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { readSettingsNow } from '../../platform/page-settings';

/** A fresh copy of the background's settings module (its connection is one per background). */
async function freshStore() {
  vi.resetModules();
  return (await import('../../platform/settings-store')).backgroundSettings;
}

describe("the background's settings store", () => {
  beforeEach(() => {
    fakeBrowser.reset();
    indexedDB.deleteDatabase('apt-lens-settings');
  });

  it('gives the defaults when nothing is stored', async () => {
    expect(await (await freshStore()).read()).toEqual(DEFAULT_SETTINGS);
  });

  it('moves settings an older version kept in storage.local (content scripts read that) into its own database', async () => {
    await fakeBrowser.storage.local.set({
      settings: { watchlist: ['apt31'], pausedSites: ['bank.example'] },
    });
    const store = await freshStore();
    expect(await store.read()).toMatchObject({ watchlist: ['apt31'], pausedSites: ['bank.example'] });
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({});
    // Kept across a restart of the background.
    expect(await (await freshStore()).read()).toMatchObject({ watchlist: ['apt31'] });
  });

  it('writes changes atomically and tells every tab to ask again, without the settings', async () => {
    const store = await freshStore();
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 4 }, { id: 5 }] as never);
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    await Promise.all([
      store.change((s) => ({ ...s, watchlist: [...s.watchlist, 'apt31'] })),
      store.change((s) => ({ ...s, watchlist: [...s.watchlist, 'apt28'] })),
    ]);
    expect((await store.read()).watchlist.sort()).toEqual(['apt28', 'apt31']);
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith(4, { type: 'settings:changed' }));
    expect(send).toHaveBeenCalledWith(5, { type: 'settings:changed' });
    // Nothing private is written where a content script reads.
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});

describe("a content script's settings", () => {
  beforeEach(() => fakeBrowser.reset());

  it('asks the background for its page view, with the request sent before it returns', () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(DEFAULT_SETTINGS as never);
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    void readSettingsNow();
    expect(send).toHaveBeenCalledWith({ type: 'settings:page' });
    expect(get).not.toHaveBeenCalled();
  });

  it('falls back to the defaults when the background does not answer', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('gone'));
    expect(await readSettingsNow()).toEqual(DEFAULT_SETTINGS);
  });
});
