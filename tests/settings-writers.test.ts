/**
 * The settings have one writer, the background: every part (a page's card, the popup, the dashboard, the
 * background's own menus) sends its change and the background applies it inside one write, so changes made
 * at the same moment from different senders all survive.
 */
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../entrypoints/background';
import { DEFAULT_SETTINGS } from '../lib/settings';
import { backgroundSettings } from '../platform/settings-store';

type Listener = (...args: unknown[]) => unknown;
let onMessage: (msg: unknown, sender: unknown) => Promise<unknown>;
const menu: Listener[] = [];

/** A content script in tab `tabId`'s top frame at `url`, as the browser describes it. */
const page = (url: string, tabId: number) => ({
  id: fakeBrowser.runtime.id,
  url,
  tab: { id: tabId },
  frameId: 0,
});
/** One of the extension's own pages. */
const extensionPage = (name: string) => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL(`/${name}.html` as '/popup.html'),
});

beforeAll(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener').mockImplementation((l) => {
    onMessage = l as unknown as typeof onMessage;
  });
  vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(
    (l) => void menu.push(l as Listener),
  );
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([] as never);
  background.main();
});

describe('settings writers', () => {
  it('keeps every change when two senders, or five, change the settings at once', async () => {
    await Promise.all([
      // Two senders at once: a card's star on one site and the popup's pause of another site.
      onMessage({ type: 'settings:watch', id: 'apt31', watched: true }, page('https://news.example/a', 3)),
      onMessage(
        { type: 'settings:change', change: { op: 'pause-site', host: 'bank.example', paused: true } },
        extensionPage('popup'),
      ),
      // And three more: another card's "not on this site", the dashboard, the background's own menu.
      onMessage({ type: 'settings:not-on-site', id: 'apt28' }, page('https://blog.example/b', 4)),
      onMessage(
        { type: 'settings:change', change: { op: 'set', values: { sightings: 'all' } } },
        extensionPage('dashboard'),
      ),
      ...menu.map((l) => l({ menuItemId: 'apt-lens-pause-everywhere' }, { id: 1 })),
    ]);
    await vi.waitFor(async () => expect((await backgroundSettings.read()).pausedEverywhere).toBe(true));
    expect(await backgroundSettings.read()).toEqual({
      ...DEFAULT_SETTINGS,
      watchlist: ['apt31'],
      pausedSites: ['bank.example'],
      notOnSite: { 'blog.example': ['apt28'] },
      sightings: 'all',
      pausedEverywhere: true,
    });
  });

  it('refuses a change it does not know, and a change from a content script', async () => {
    await expect(
      onMessage(
        { type: 'settings:change', change: { op: 'set', values: { style: 'neon' } } },
        extensionPage('popup'),
      ),
    ).rejects.toThrow('malformed');
    await expect(
      onMessage(
        { type: 'settings:change', change: { op: 'watch', id: 'apt41', watched: true } },
        page('https://news.example/a', 3),
      ),
    ).rejects.toThrow('not allowed');
    expect((await backgroundSettings.read()).watchlist).toEqual(['apt31']);
  });
});
