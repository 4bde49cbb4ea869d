import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';

type Listener = (...args: unknown[]) => unknown;

/** fakeBrowser has no context-menu implementation: record the listeners the background adds instead. */
function captureListeners() {
  const menu: Listener[] = [];
  const command: Listener[] = [];
  vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(
    (l) => void menu.push(l as Listener),
  );
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(
    (l) => void command.push(l as Listener),
  );
  vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(() => 0);
  return { menu, command };
}

describe('background capture triggers', () => {
  let listeners: ReturnType<typeof captureListeners>;
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    listeners = captureListeners();
    background.main();
  });

  it('the context menu "Save as incident" asks the tab (and frame) to open the capture form', () => {
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    for (const l of listeners.menu) l({ menuItemId: 'apt-lens-save-incident', frameId: 3 }, { id: 7 });
    expect(send).toHaveBeenCalledWith(7, { type: 'capture:open' }, { frameId: 3 });
  });

  it('the Alt+Shift+S command does the same for the tab it was pressed in', () => {
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    for (const l of listeners.command) l('save-incident', { id: 9 });
    expect(send).toHaveBeenCalledWith(9, { type: 'capture:open' }, undefined);
  });

  it('other menu items and commands do not open the form', () => {
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    for (const l of listeners.menu) l({ menuItemId: 'other' }, { id: 7 });
    expect(send).not.toHaveBeenCalledWith(7, { type: 'capture:open' }, expect.anything());
  });
});
