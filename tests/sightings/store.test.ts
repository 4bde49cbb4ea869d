import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { listSightings, openSightingsDb, SIGHTINGS_DB_VERSION } from '../../lib/sightings/db';
import { sightingKey } from '../../lib/sightings/model';
import { clearSightings, type PageSightings, recordPage } from '../../lib/sightings/store';

let n = 0;
const fresh = () => `sightings-test-${++n}`;

const page = (over: Partial<PageSightings> = {}): PageSightings => ({
  url: 'https://news.example/a',
  title: 'A story',
  site: 'news.example',
  seenAt: '2026-11-01T10:00:00.000Z',
  visit: true,
  entities: [{ entityId: 'apt31', sentence: 'APT31 did it.' }],
  ...over,
});

describe('sightings database', () => {
  it('opens empty at the current version with its indexes', async () => {
    const db = await openSightingsDb(fresh());
    expect(db.version).toBe(SIGHTINGS_DB_VERSION);
    expect([...db.transaction('sightings').store.indexNames].sort()).toEqual([
      'entityId',
      'lastSeen',
      'site',
      'siteSeen',
    ]);
    expect(await listSightings(db)).toEqual([]);
    db.close();
  });

  it('keeps every record when reopened at the current version', async () => {
    const name = fresh();
    const db = await openSightingsDb(name);
    await recordPage(db, page());
    db.close();
    const again = await openSightingsDb(name);
    expect((await listSightings(again)).map((s) => s.key)).toEqual([sightingKey('apt31', page().url)]);
    again.close();
  });

  it('adds the per-site index to a version 1 database and keeps its records', async () => {
    const name = fresh();
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        const store = db.createObjectStore('sightings', { keyPath: 'key' });
        store.createIndex('lastSeen', 'lastSeen');
        store.createIndex('entityId', 'entityId');
        store.createIndex('site', 'site');
      },
    });
    const old = {
      key: sightingKey('apt31', 'https://news.example/a'),
      entityId: 'apt31',
      url: 'https://news.example/a',
      title: 'A story',
      site: 'news.example',
      sentence: 'APT31 did it.',
      firstSeen: '2026-01-01T00:00:00.000Z',
      lastSeen: '2026-01-01T00:00:00.000Z',
      visits: 1,
    };
    await v1.put('sightings', old);
    v1.close();
    const db = await openSightingsDb(name);
    expect(
      await db.countFromIndex(
        'sightings',
        'siteSeen',
        IDBKeyRange.bound(['news.example', ''], ['news.example', '\uffff']),
      ),
    ).toBe(1);
    expect(await listSightings(db)).toEqual([old]);
    db.close();
  });

  it('refuses a database written by a newer build instead of dropping it', async () => {
    const name = fresh();
    const newer = await openDB(name, SIGHTINGS_DB_VERSION + 1, {
      upgrade(db) {
        db.createObjectStore('sightings', { keyPath: 'key' }).put({ key: 'kept' });
      },
    });
    newer.close();
    await expect(openSightingsDb(name)).rejects.toMatchObject({ name: 'VersionError' });
    const check = await openDB(name);
    expect(await check.get('sightings', 'kept')).toEqual({ key: 'kept' });
    check.close();
  });
});

describe('recordPage', () => {
  it('adds one record per page and entity', async () => {
    const db = await openSightingsDb(fresh());
    const r = await recordPage(
      db,
      page({
        entities: [
          { entityId: 'apt31', sentence: 'First APT31.' },
          { entityId: 'cn-mss', sentence: 'The MSS.' },
          { entityId: 'apt31', sentence: 'Second APT31.' },
        ],
      }),
    );
    expect(r).toEqual({ added: 2, updated: 0, dropped: 0 });
    const all = await listSightings(db);
    expect(all).toHaveLength(2);
    expect(all.find((s) => s.entityId === 'apt31')).toEqual({
      key: 'apt31\nhttps://news.example/a',
      entityId: 'apt31',
      url: 'https://news.example/a',
      title: 'A story',
      site: 'news.example',
      sentence: 'First APT31.',
      firstSeen: '2026-11-01T10:00:00.000Z',
      lastSeen: '2026-11-01T10:00:00.000Z',
      visits: 1,
    });
  });

  it('updates lastSeen, title, sentence and visits on a later visit, never adding a record', async () => {
    const db = await openSightingsDb(fresh());
    await recordPage(db, page());
    const later = '2026-11-05T08:00:00.000Z';
    const r = await recordPage(
      db,
      page({
        seenAt: later,
        title: 'A story (updated)',
        entities: [{ entityId: 'apt31', sentence: 'New.' }],
      }),
    );
    expect(r).toEqual({ added: 0, updated: 1, dropped: 0 });
    // A resend (the watchlist changed on the open page) is not a visit.
    await recordPage(db, page({ seenAt: later, visit: false, title: 'A story (updated)' }));
    const [s] = await listSightings(db);
    expect(s).toMatchObject({
      firstSeen: '2026-11-01T10:00:00.000Z',
      lastSeen: later,
      title: 'A story (updated)',
      visits: 2,
    });
    // The same entity on another page is another sighting.
    await recordPage(db, page({ url: 'https://news.example/b' }));
    expect(await listSightings(db)).toHaveLength(2);
  });

  it('keeps the last visit when reports arrive out of order', async () => {
    const db = await openSightingsDb(fresh());
    await recordPage(db, page({ seenAt: '2026-11-05T00:00:00.000Z' }));
    await recordPage(db, page({ seenAt: '2026-11-01T00:00:00.000Z' }));
    expect((await listSightings(db))[0]?.lastSeen).toBe('2026-11-05T00:00:00.000Z');
  });

  it('drops the records seen least recently past the cap, never the ones just written', async () => {
    const db = await openSightingsDb(fresh());
    for (let i = 0; i < 5; i++) {
      await recordPage(
        db,
        page({ url: `https://news.example/${i}`, seenAt: `2026-11-0${i + 1}T00:00:00.000Z` }),
        4,
      );
    }
    // Page 0 was seen first: it went when the fifth arrived.
    expect((await listSightings(db)).map((s) => s.url)).toEqual(
      [4, 3, 2, 1].map((i) => `https://news.example/${i}`),
    );
    // A later visit to page 1 makes it recent: page 2 is the next to go.
    await recordPage(db, page({ url: 'https://news.example/1', seenAt: '2026-11-09T00:00:00.000Z' }), 4);
    const r = await recordPage(
      db,
      page({ url: 'https://news.example/9', seenAt: '2026-11-10T00:00:00.000Z' }),
      4,
    );
    expect(r).toEqual({ added: 1, updated: 0, dropped: 1 });
    expect((await listSightings(db)).map((s) => s.url)).toEqual(
      [9, 1, 4, 3].map((i) => `https://news.example/${i}`),
    );
  });

  it("keeps a site within its share by dropping its own oldest, never another site's", async () => {
    const db = await openSightingsDb(fresh());
    await recordPage(
      db,
      page({ url: 'https://reader.example/old', site: 'reader.example', seenAt: '2026-01-01T00:00:00.000Z' }),
      10,
      3,
    );
    // A page reloading itself under made-up URLs: 8 new pages of one site, all newer than the reader's.
    for (let i = 0; i < 8; i++) {
      await recordPage(
        db,
        page({
          url: `https://flood.example/?n=${i}`,
          site: 'flood.example',
          seenAt: `2026-11-01T00:00:0${i}.000Z`,
        }),
        10,
        3,
      );
    }
    const urls = (await listSightings(db)).map((s) => s.url);
    expect(urls).toContain('https://reader.example/old');
    expect(urls.filter((u) => u.startsWith('https://flood.example/'))).toEqual(
      [7, 6, 5].map((i) => `https://flood.example/?n=${i}`),
    );
  });

  it('makes room in a full store from the site holding the most, not from the oldest record overall', async () => {
    const db = await openSightingsDb(fresh());
    const at = (d: number) => `2026-11-${String(d).padStart(2, '0')}T00:00:00.000Z`;
    // The reader's oldest sighting is on a small site; the big site's records are all newer.
    await recordPage(
      db,
      page({ url: 'https://small.example/1', site: 'small.example', seenAt: at(1) }),
      4,
      10,
    );
    for (let d = 2; d <= 4; d++)
      await recordPage(
        db,
        page({ url: `https://big.example/${d}`, site: 'big.example', seenAt: at(d) }),
        4,
        10,
      );
    const r = await recordPage(
      db,
      page({ url: 'https://other.example/5', site: 'other.example', seenAt: at(5) }),
      4,
      10,
    );
    expect(r.dropped).toBe(1);
    expect((await listSightings(db)).map((s) => s.url)).toEqual([
      'https://other.example/5',
      'https://big.example/4',
      'https://big.example/3',
      'https://small.example/1',
    ]);
  });

  it('writes nothing for a page that names no entity', async () => {
    const db = await openSightingsDb(fresh());
    expect(await recordPage(db, page({ entities: [] }))).toEqual({ added: 0, updated: 0, dropped: 0 });
    expect(await listSightings(db)).toEqual([]);
  });
});

describe('clearSightings', () => {
  it('removes every sighting and says how many', async () => {
    const db = await openSightingsDb(fresh());
    await recordPage(db, page());
    await recordPage(db, page({ url: 'https://news.example/b' }));
    expect(await clearSightings(db)).toBe(2);
    expect(await listSightings(db)).toEqual([]);
    expect(await clearSightings(db)).toBe(0);
  });
});
