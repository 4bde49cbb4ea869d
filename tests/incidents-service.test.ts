import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openIncidentsDb } from '../lib/incidents/db';
import { handleIncidentRequest, type ServiceDeps } from '../lib/incidents-service';
import { makeIncident } from './incidents/make';

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
});
