import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../entrypoints/background';
import { readSettings } from '../platform/settings';

type Listener = (...args: unknown[]) => unknown;

describe('background pause menus', () => {
  let menu: Listener[];
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    menu = [];
    vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(
      (l) => void menu.push(l as Listener),
    );
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(() => 0);
    background.main();
  });

  const click = async (menuItemId: string, pageUrl?: string) => {
    for (const l of menu) l({ menuItemId, pageUrl }, { id: 1 });
    await new Promise((ok) => setTimeout(ok, 10));
  };

  it('pauses and resumes the clicked page’s site', async () => {
    await click('apt-lens-pause-site', 'https://news.example/story');
    expect((await readSettings()).pausedSites).toEqual(['news.example']);
    await click('apt-lens-pause-site', 'https://news.example/other');
    expect((await readSettings()).pausedSites).toEqual([]);
  });

  it('pauses and resumes everywhere', async () => {
    await click('apt-lens-pause-everywhere');
    expect((await readSettings()).pausedEverywhere).toBe(true);
    await click('apt-lens-pause-everywhere');
    expect((await readSettings()).pausedEverywhere).toBe(false);
  });

  it('ignores a page without a usable address', async () => {
    await click('apt-lens-pause-site', 'not a url');
    expect((await readSettings()).pausedSites).toEqual([]);
  });
});
