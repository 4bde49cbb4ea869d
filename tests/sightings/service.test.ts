import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { listSightings, openSightingsDb } from '../../lib/sightings/db';
import { handleSightingsReport, type SightingsReport } from '../../lib/sightings/service';

let n = 0;
const settings = (over: Partial<Settings> = {}): Settings => ({
  ...DEFAULT_SETTINGS,
  watchlist: ['apt31'],
  ...over,
});
const report = (over: Partial<SightingsReport> = {}): SightingsReport => ({
  url: 'https://news.example/a',
  recordable: true,
  title: 'A story',
  visit: true,
  entities: [
    { id: 'apt31', sentence: 'APT31 did it.' },
    { id: 'apt28', sentence: 'APT28 too.' },
  ],
  ...over,
});
const now = new Date('2026-11-01T10:00:00Z');

async function run(r: SightingsReport, s: Settings) {
  const db = await openSightingsDb(`service-${++n}`);
  const outcome = await handleSightingsReport(() => Promise.resolve(db), r, s, now);
  return { outcome, stored: (await listSightings(db)).map((x) => x.entityId).sort() };
}

describe('handleSightingsReport', () => {
  it('counts watched entities for the badge and records only them by default', async () => {
    const { outcome, stored } = await run(report(), settings());
    expect(outcome.watched).toBe(1);
    expect(stored).toEqual(['apt31']);
  });

  it('records every entity when asked, and none when sightings are off (the badge still counts)', async () => {
    expect((await run(report(), settings({ sightings: 'all' }))).stored).toEqual(['apt28', 'apt31']);
    const off = await run(report(), settings({ sightings: 'off' }));
    expect(off).toEqual({ outcome: { watched: 1, recorded: undefined }, stored: [] });
  });

  it('records nothing on a paused site or everywhere paused, and shows no badge there', async () => {
    for (const s of [settings({ pausedSites: ['news.example'] }), settings({ pausedEverywhere: true })]) {
      expect(await run(report(), s)).toEqual({ outcome: { watched: 0, recorded: undefined }, stored: [] });
    }
  });

  it('records nothing on a paused site whose canonical address is spelt with www.', async () => {
    const r = report({ url: 'https://www.news.example/a', senderHost: 'news.example' });
    expect(await run(r, settings({ pausedSites: ['news.example'] }))).toEqual({
      outcome: { watched: 0, recorded: undefined },
      stored: [],
    });
  });

  it('never records a page that may not be recorded (a private tab, a local file), though it counts it', async () => {
    expect(await run(report({ recordable: false }), settings())).toEqual({
      outcome: { watched: 1, recorded: undefined },
      stored: [],
    });
  });

  it('keeps the site from the URL and the date from the clock', async () => {
    const db = await openSightingsDb(`service-${++n}`);
    await handleSightingsReport(() => Promise.resolve(db), report(), settings(), now);
    expect(await listSightings(db)).toMatchObject([
      { site: 'news.example', firstSeen: '2026-11-01T10:00:00.000Z', sentence: 'APT31 did it.' },
    ]);
  });

  it('does not open the database when there is nothing to record', async () => {
    let opened = false;
    const db = () => {
      opened = true;
      return openSightingsDb(`service-${++n}`);
    };
    await handleSightingsReport(db, report({ entities: [] }), settings(), now);
    await handleSightingsReport(db, report(), settings({ sightings: 'off' }), now);
    expect(opened).toBe(false);
  });
});
