import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openIncidentsDb } from '../../lib/incidents/db';
import { exportJson } from '../../lib/incidents/export';
import { handleIncidentRequest, type ServiceDeps } from '../../lib/incidents/service';
import { makeIncident } from './make';

let n = 0;
const deps: ServiceDeps = {
  now: () => new Date('2026-02-03T04:05:06.000Z'),
  uuid: () => `10000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
};

describe('background incident handlers', () => {
  it('saves a draft from the capture form and finds it for its page', async () => {
    const db = await openIncidentsDb('service-1');
    const { id, createdAt, updatedAt, site, ...draft } = makeIncident(1, {
      url: 'https://news.example/a#top',
    });
    const saved = await handleIncidentRequest(
      db,
      { type: 'incidents:save', draft: { ...draft, tags: ['Espionage'] } },
      deps,
    );
    expect(saved).toMatchObject({
      site: 'news.example',
      tags: ['espionage'],
      createdAt: '2026-02-03T04:05:06.000Z',
    });
    const found = await handleIncidentRequest(
      db,
      { type: 'incidents:for-page', url: 'https://news.example/a' },
      deps,
    );
    expect(found).toEqual([saved]);
    expect(
      await handleIncidentRequest(db, { type: 'incidents:for-page', url: 'https://news.example/b' }, deps),
    ).toEqual([]);
    expect(await handleIncidentRequest(db, { type: 'incidents:tags' }, deps)).toEqual(['espionage']);
    db.close();
  });

  it("finds a page's incidents whatever query, fragment or credentials either address had", async () => {
    const db = await openIncidentsDb('service-clean');
    const { id, createdAt, updatedAt, site, ...draft } = makeIncident(1, {
      url: 'https://news.example/a?utm_source=feed',
    });
    const saved = await handleIncidentRequest(db, { type: 'incidents:save', draft }, deps);
    const found = await handleIncidentRequest(
      db,
      { type: 'incidents:for-page', url: 'https://user:pw@news.example/a?session=1#x' },
      deps,
    );
    expect(found).toEqual([saved]);
    db.close();
  });

  it("lists one site's tags when asked for a site (a page's capture form), every tag otherwise", async () => {
    const db = await openIncidentsDb('service-tags');
    for (const [i, url, tags] of [
      [1, 'https://news.example/a', ['espionage']],
      [2, 'https://bank.example/b', ['my-bank-account']],
    ] as const) {
      const { id, createdAt, updatedAt, site, ...draft } = makeIncident(i, { url });
      await handleIncidentRequest(db, { type: 'incidents:save', draft: { ...draft, tags: [...tags] } }, deps);
    }
    expect(await handleIncidentRequest(db, { type: 'incidents:tags', site: 'news.example' }, deps)).toEqual([
      'espionage',
    ]);
    expect(await handleIncidentRequest(db, { type: 'incidents:tags' }, deps)).toEqual([
      'espionage',
      'my-bank-account',
    ]);
    db.close();
  });

  it('imports: dry run writes nothing, apply writes, errors come back as a report', async () => {
    const db = await openIncidentsDb('service-2');
    const text = exportJson([makeIncident(1), makeIncident(2)], new Date());
    const dry = await handleIncidentRequest(db, { type: 'incidents:import', text, apply: false }, deps);
    expect(dry).toEqual({ ok: true, applied: false, add: 2, update: 0, unchanged: 0, older: 0, invalid: [] });
    expect(await db.count('incidents')).toBe(0);
    const done = await handleIncidentRequest(db, { type: 'incidents:import', text, apply: true }, deps);
    expect(done).toMatchObject({ ok: true, applied: true, add: 2 });
    expect(await db.count('incidents')).toBe(2);
    const bad = await handleIncidentRequest(
      db,
      { type: 'incidents:import', text: '{"format":', apply: true },
      deps,
    );
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/not valid JSON/) });
    expect(await db.count('incidents')).toBe(2);
    db.close();
  });
});

describe('the watchlist in the export', () => {
  it('exports the watchlist when given, and an import adds the ids not yet watched (on apply only)', async () => {
    const db = await openIncidentsDb('service-watchlist');
    let watched = ['apt31'];
    const withWatchlist: ServiceDeps = {
      ...deps,
      watchlist: {
        read: async () => watched,
        add: async (ids) => {
          watched = [...watched, ...ids];
        },
      },
    };
    const text = exportJson([makeIncident(1)], new Date(), { watchlist: ['apt31', 'cn-mss', 'apt28'] });
    expect(JSON.parse(text).watchlist).toEqual(['apt31', 'cn-mss', 'apt28']);
    expect(JSON.parse(exportJson([], new Date())).watchlist).toBeUndefined();
    const dry = await handleIncidentRequest(
      db,
      { type: 'incidents:import', text, apply: false },
      withWatchlist,
    );
    expect(dry).toMatchObject({ ok: true, add: 1, watchlist: { add: 2 } });
    expect(watched).toEqual(['apt31']);
    const done = await handleIncidentRequest(
      db,
      { type: 'incidents:import', text, apply: true },
      withWatchlist,
    );
    expect(done).toMatchObject({ ok: true, applied: true, watchlist: { add: 2 } });
    expect(watched).toEqual(['apt31', 'cn-mss', 'apt28']);
    // A file without a watchlist says nothing about it.
    const plain = exportJson([makeIncident(2)], new Date());
    const r = await handleIncidentRequest(
      db,
      { type: 'incidents:import', text: plain, apply: false },
      withWatchlist,
    );
    expect(r).not.toHaveProperty('watchlist');
  });

  it.each([
    ['not a list', 'apt31'],
    ['a malformed id', ['apt31', 'APT 31']],
    ['a number', [31]],
  ])('refuses a file whose watchlist is %s, and changes nothing', async (_why, watchlist) => {
    const db = await openIncidentsDb(`service-bad-watchlist-${++n}`);
    const file = { ...JSON.parse(exportJson([makeIncident(1)], new Date())), watchlist };
    const r = await handleIncidentRequest(
      db,
      { type: 'incidents:import', text: JSON.stringify(file), apply: true },
      deps,
    );
    expect(r).toEqual({
      ok: false,
      error: 'The "watchlist" field is not a list of at most 1000 entity ids (like "apt31").',
    });
    expect(await db.count('incidents')).toBe(0);
  });
});
