import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../entrypoints/background';
import { backgroundSettings } from '../platform/settings-store';

const readSettings = () => backgroundSettings.read();

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

  const click = (menuItemId: string, pageUrl?: string) => {
    for (const l of menu) l({ menuItemId, pageUrl }, { id: 1 });
  };
  /** Waits until the stored settings say what the click should have made them say. */
  const settled = (check: (s: Awaited<ReturnType<typeof readSettings>>) => void) =>
    vi.waitFor(async () => check(await readSettings()));

  it('pauses and resumes the clicked page’s site', async () => {
    click('apt-lens-pause-site', 'https://news.example/story');
    await settled((s) => expect(s.pausedSites).toEqual(['news.example']));
    click('apt-lens-pause-site', 'https://news.example/other');
    await settled((s) => expect(s.pausedSites).toEqual([]));
  });

  it('pauses and resumes everywhere', async () => {
    click('apt-lens-pause-everywhere');
    await settled((s) => expect(s.pausedEverywhere).toBe(true));
    click('apt-lens-pause-everywhere');
    await settled((s) => expect(s.pausedEverywhere).toBe(false));
  });

  it('ignores a page without a usable address', async () => {
    // Then a usable one: once that is stored, the first click has been handled and changed nothing.
    click('apt-lens-pause-site', 'not a url');
    click('apt-lens-pause-site', 'https://news.example/story');
    await settled((s) => expect(s.pausedSites).toEqual(['news.example']));
  });
});
