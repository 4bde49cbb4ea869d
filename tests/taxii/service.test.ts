import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../lib/incidents/model';
import { getEntity } from '../../lib/kb/index';
import { openOverlayDb } from '../../lib/overlay/db';
import { importIntoOverlay } from '../../lib/overlay/import/service';
import { OverlayService } from '../../lib/overlay/service';
import { type StixLike, TaxiiClient } from '../../lib/taxii/client';
import { openTeamDb } from '../../lib/taxii/db';
import { serverUrlProblem } from '../../lib/taxii/server-address';
import { TeamService } from '../../lib/team-service';
import { makeIncident } from '../incidents/make';
import { officialRules, stixValidator } from '../incidents/stix-validator';
import { NAMES, PASSWORD, type RunningTaxii, SHARED, startTaxii, taxiiServerMissing, USER } from './server';

const missing = taxiiServerMissing();
if (missing) console.warn(`skipping the team sharing tests: ${missing}`);

describe('team server addresses', () => {
  it.each([
    ['https://taxii.example/taxii2/', undefined],
    ['http://127.0.0.1:6100/taxii2/', undefined],
    ['http://localhost:6100/taxii2/', undefined],
    ['http://taxii.example/taxii2/', /over https/],
    ['https://u:p@taxii.example/', /own fields/],
    ['taxii.example', /not an address/],
  ])('%s', (url, problem) => {
    const p = serverUrlProblem(url);
    if (problem) expect(p).toMatch(problem);
    else expect(p).toBeUndefined();
  });
});

let n = 0;
const claimed: Incident = makeIncident(7, {
  title: 'Czechs blame APT31',
  attribution: { claimant: 'Czech government', confidence: 'a high degree of certainty' },
});

function setup(auth = { kind: 'basic' as const, username: USER, password: PASSWORD }) {
  const k = ++n;
  const overlay = new OverlayService({
    open: () => openOverlayDb(`team-overlay-${k}`),
    publish: async () => {},
    announce: () => {},
    now: () => new Date().toISOString(),
  });
  const incidents = [claimed, makeIncident(8)];
  const timers: (() => void)[] = [];
  const deps = {
    db: () => openTeamDb(`team-${k}`),
    fetch,
    now: () => new Date(),
    incidents: async (ids: readonly string[]) => incidents.filter((i) => ids.includes(i.id)),
    lookup: async () => getEntity,
    importOverlay: (text: string, apply: boolean) => importIntoOverlay(overlay, text, apply),
    announce: () => {},
    schedule: (fn: () => void) => void timers.push(fn),
  };
  return { service: new TeamService(deps), deps, overlay, auth, timers };
}

describe.skipIf(!!missing)('team sharing against the real server', () => {
  let server: RunningTaxii;
  const auth = { kind: 'basic' as const, username: USER, password: PASSWORD };
  const reader = () => new TaxiiClient({ fetch, auth });
  const all = async (collection: string) => {
    const out: StixLike[] = [];
    for await (const p of reader().objects(server.apiRoot, collection)) out.push(...p.objects);
    return out;
  };

  beforeAll(async () => {
    server = await startTaxii({ maxContentLength: 8000 });
  }, 30_000);
  afterAll(() => server?.stop());

  it('refuses to share before a server is added, and sends nothing', async () => {
    const { service } = setup();
    const out = await service.shareIncidents([claimed.id]);
    expect(out.failures[0]?.kind).toBe('not-configured');
    expect((await service.state()).shares).toEqual([]);
  });

  it('lists what the server offers, adds it, and shares an incident with its claimant', async () => {
    const { service } = setup();
    const probe = await service.probe(server.discovery, auth);
    expect(probe).toMatchObject({
      ok: true,
      roots: [{ url: server.apiRoot, title: 'Team', maxContentLength: 8000 }],
    });
    const connected = await service.connect({
      type: 'team:connect',
      discovery: server.discovery,
      apiRoot: server.apiRoot,
      collectionId: SHARED,
      auth,
    });
    expect(connected.ok).toBe(true);
    const state = await service.state();
    expect(state.server).toMatchObject({
      collectionTitle: 'Shared reports',
      canWrite: true,
      authKind: 'basic',
      username: USER,
    });
    expect(JSON.stringify(state)).not.toContain(PASSWORD);

    const out = await service.shareIncidents([claimed.id, makeIncident(8).id]);
    expect(out).toEqual({ shared: 2, pending: 0, failures: [] });
    const objs = await all(SHARED);
    const claimant = objs.find((o) => o.type === 'identity' && o.name === 'Czech government');
    expect(claimant).toBeDefined();
    expect(objs.some((o) => o.type === 'note' && o.created_by_ref === claimant?.id)).toBe(true);
    expect(objs.some((o) => o.type === 'report' && o.x_apt_lens_incident_id === claimed.id)).toBe(true);
    // What the collection holds passes the STIX validator's rules the project ported.
    const bundle = { type: 'bundle', id: 'bundle--6f1c1e0a-6d6b-4d7e-9a53-0b0a4b7c2d11', objects: objs };
    const validate = stixValidator();
    expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true);
    expect(officialRules(bundle as never).errors).toEqual([]);
    const rec = (await service.state()).shares.find((s) => s.key === claimed.id);
    expect(rec).toMatchObject({
      state: 'shared',
      kind: 'incident',
      collection: 'Shared reports',
      attempts: 1,
    });
    expect(rec?.sharedAt).toBeTruthy();
  });

  it('shares a page report in as many requests as max_content_length asks', async () => {
    const { service } = setup();
    await service.connect({
      type: 'team:connect',
      discovery: server.discovery,
      apiRoot: server.apiRoot,
      collectionId: SHARED,
      auth,
    });
    const entities = ['apt31', 'apt28', 'apt29', 'apt41', 'lazarus-group'].map((id, i) => ({
      id,
      kind: 'actor' as const,
      name: getEntity(id)?.entity.name ?? id,
      count: 1,
      sentence: `Sentence ${i} naming the group in a long enough line to grow the report past one request.`,
    }));
    const out = await service.shareReport({
      source: { url: 'https://news.example/page', title: 'A page', entities },
      name: 'Team page report',
      note: 'shared',
      labels: ['team'],
      published: '2026-12-01',
    });
    expect(out).toEqual({ shared: 1, pending: 0, failures: [] });
    expect((await all(SHARED)).some((o) => o.type === 'report' && o.name === 'Team page report')).toBe(true);
  });

  it('keeps the share queued on a wrong password or a stopped server, and sends it once it is back', async () => {
    const { service, timers } = setup();
    const other = await startTaxii();
    try {
      await service
        .connect({
          type: 'team:connect',
          discovery: other.discovery,
          apiRoot: other.apiRoot,
          collectionId: SHARED,
          auth: { ...auth, password: 'wrong' },
        })
        .then((r) => expect(r).toMatchObject({ ok: false, kind: 'auth' }));
      await service.connect({
        type: 'team:connect',
        discovery: other.discovery,
        apiRoot: other.apiRoot,
        collectionId: SHARED,
        auth,
      });
      const port = other.port;
      await other.stop();
      const down = await service.shareIncidents([claimed.id]);
      expect(down.pending).toBe(1);
      expect(down.failures[0]).toMatchObject({
        kind: 'down',
        message: expect.stringMatching(/cannot be reached/),
      });
      expect(timers).toHaveLength(1);
      const again = await startTaxii({ port });
      try {
        // A new background (a restart) resumes the queue from the database alone.
        const restarted = new TeamService({ ...setup().deps, db: () => openTeamDb(`team-${n - 1}`) });
        await restarted.resume();
        const state = await restarted.state();
        expect(state.pending).toBe(0);
        expect(state.shares[0]).toMatchObject({ key: claimed.id, state: 'shared', attempts: 2 });
        expect(state.shares[0]?.error).toBeUndefined();
      } finally {
        await again.stop();
      }
    } finally {
      await other.stop();
    }
  });

  it('refuses a read-only collection for shares and says why', async () => {
    const { service } = setup();
    await service.connect({
      type: 'team:connect',
      discovery: server.discovery,
      apiRoot: server.apiRoot,
      collectionId: NAMES,
      auth,
    });
    const out = await service.shareIncidents([claimed.id]);
    expect(out.failures[0]).toMatchObject({
      kind: 'permission',
      message: expect.stringMatching(/may not add/),
    });
    expect((await service.state()).pending).toBe(1);
  });

  it('syncs the team names through the dry run and confirm, then only what is new', async () => {
    const sets = Array.from({ length: 150 }, (_, i) => ({
      type: 'intrusion-set',
      spec_version: '2.1',
      id: `intrusion-set--${String(i).padStart(8, '0')}-2222-4222-8222-222222222222`,
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      name: `Quillfeather Team ${i}`,
    }));
    const fresh = await startTaxii();
    try {
      await reader().addObjects(fresh.apiRoot, SHARED, sets, 1e7);
      const { service, overlay } = setup();
      await service.connect({
        type: 'team:connect',
        discovery: fresh.discovery,
        apiRoot: fresh.apiRoot,
        collectionId: SHARED,
        auth,
      });
      const dry = await service.pull(false);
      expect(dry).toMatchObject({ ok: true, fetched: 150, report: { ok: true, applied: false } });
      expect((await overlay.lookup()).overlay.entities).toHaveLength(0);
      const done = await service.pull(true);
      expect(done).toMatchObject({ ok: true, report: { ok: true, applied: true } });
      expect((await overlay.lookup()).overlay.entities.length).toBe(150);
      expect((await service.state()).syncedUpTo).toBeTruthy();
      expect(await service.pull(false)).toEqual({ ok: true, fetched: 0, nothingNew: true });
    } finally {
      await fresh.stop();
    }
  });
});
