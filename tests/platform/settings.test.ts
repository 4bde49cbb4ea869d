import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { readSettings, readSettingsNow, updateSettings } from '../../platform/settings';

describe('readSettingsNow', () => {
  beforeEach(() => fakeBrowser.reset());

  it('gives the defaults when nothing is stored', async () => {
    expect(await readSettingsNow()).toEqual(DEFAULT_SETTINGS);
  });

  it('reads what the WXT storage item wrote', async () => {
    await updateSettings((s) => ({ ...s, pausedSites: ['news.example'], style: 'underline' }));
    expect(await readSettingsNow()).toEqual(await readSettings());
    expect((await readSettingsNow()).pausedSites).toEqual(['news.example']);
  });

  it('repairs a malformed stored value like readSettings does', async () => {
    await fakeBrowser.storage.local.set({ settings: { style: 'neon', pausedSites: 'all' } });
    expect(await readSettingsNow()).toEqual(await readSettings());
  });

  it('sends the storage request before it returns', () => {
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    void readSettingsNow();
    expect(get).toHaveBeenCalledWith('settings');
    get.mockRestore();
  });
});
