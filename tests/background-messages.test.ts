import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../entrypoints/background';
import { listSightings, openSightingsDb } from '../lib/sightings/db';

type Listener = (msg: unknown, sender: unknown) => Promise<unknown> | undefined;

/** The background's message listener, as the browser would call it. */
let onMessage: Listener;

/** A content script in tab `tabId`'s top frame at `url`, as the browser describes it. */
const page = (url: string, tabId = 3) => ({
  id: fakeBrowser.runtime.id,
  url,
  tab: { id: tabId },
  frameId: 0,
});
const extensionPage = () => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/dashboard.html'),
});

beforeAll(async () => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener').mockImplementation((l) => {
    onMessage = l as unknown as Listener;
  });
  vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(() => undefined);
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([] as never);
  background.main();
  await onMessage(
    {
      type: 'settings:put',
      settings: { watchlist: ['apt31'], pausedSites: ['bank.example'], sightings: 'watched' },
    },
    extensionPage(),
  );
});

describe('the background, through its message listener', () => {
  it("tells a page its own site's view and refuses it the whole settings", async () => {
    const view = (await onMessage({ type: 'settings:page' }, page('https://news.example/a'))) as {
      pausedSites: string[];
      watchlist: string[];
    };
    expect(view).toMatchObject({ pausedSites: [], watchlist: ['apt31'] });
    await expect(onMessage({ type: 'settings:get' }, page('https://news.example/a'))).rejects.toThrow(
      /not allowed/,
    );
    await expect(
      onMessage({ type: 'settings:put', settings: { watchlist: [] } }, page('https://news.example/a')),
    ).rejects.toThrow(/not allowed/);
  });

  it('records a page under its cleaned address, and at most six new pages a minute per tab', async () => {
    const report = (location: string) => ({
      type: 'sightings:page',
      title: 'A story',
      visit: true,
      entities: [{ id: 'apt31', sentence: 'APT31 did it.' }],
      address: { location },
    });
    await onMessage(
      report('https://news.example/a?token=s3cret#x'),
      page('https://news.example/a?token=s3cret'),
    );
    // Made-up query strings are one page once cleaned; made-up paths are many, and the tab is held back.
    for (let i = 1; i <= 9; i++)
      await onMessage(report(`https://flood.example/a?n=${i}`), page(`https://flood.example/a?n=${i}`, 9));
    for (let i = 1; i <= 9; i++)
      await onMessage(report(`https://flood.example/${i}`), page(`https://flood.example/${i}`, 9));
    const db = await openSightingsDb();
    const urls = (await listSightings(db)).map((s) => s.url).sort();
    db.close();
    expect(urls).toContain('https://news.example/a');
    expect(urls.filter((u) => u.startsWith('https://flood.example/'))).toEqual([
      'https://flood.example/1',
      'https://flood.example/2',
      'https://flood.example/3',
      'https://flood.example/4',
      'https://flood.example/5',
      'https://flood.example/a',
    ]);
    expect(urls.join(' ')).not.toContain('s3cret');
  });
});
