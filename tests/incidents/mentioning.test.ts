import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openIncidentsDb } from '../../lib/incidents/db';
import { incidentsMentioning } from '../../lib/incidents/mentioning';
import { makeIncidents } from './make';

describe('incidentsMentioning', () => {
  it('counts the incidents naming an actor or agency and returns the newest three', async () => {
    const db = await openIncidentsDb('mentioning-test');
    for (const i of makeIncidents(10)) await db.put('incidents', i);
    const apt31 = await incidentsMentioning(db, 'actor', 'apt31');
    expect(apt31.count).toBe(5);
    expect(apt31.latest.map((i) => i.title)).toEqual(['Incident 9', 'Incident 7', 'Incident 5']);
    expect((await incidentsMentioning(db, 'agency', 'cn-mss')).count).toBe(7);
    expect(await incidentsMentioning(db, 'actor', 'apt99')).toEqual({ count: 0, latest: [] });
    db.close();
  });
});
