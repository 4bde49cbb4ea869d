import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authHeader,
  describeFailure,
  envelopes,
  type StixLike,
  TaxiiClient,
  TaxiiError,
} from '../../lib/taxii/client';
import {
  DROP,
  NAMES,
  PASSWORD,
  type RunningTaxii,
  SHARED,
  startTaxii,
  taxiiServerMissing,
  USER,
} from './server';

const missing = taxiiServerMissing();
if (missing) console.warn(`skipping the TAXII server tests: ${missing}`);

const intrusionSet = (i: number): StixLike => ({
  type: 'intrusion-set',
  spec_version: '2.1',
  id: `intrusion-set--${String(i).padStart(8, '0')}-1111-4111-8111-111111111111`,
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  name: `Test Group ${i}`,
});

describe('TAXII client pieces', () => {
  it('builds Basic (UTF-8) and bearer headers', () => {
    expect(authHeader({ kind: 'basic', username: 'analyst', password: 'change-me' })).toEqual({
      Authorization: `Basic ${Buffer.from('analyst:change-me').toString('base64')}`,
    });
    expect(authHeader({ kind: 'basic', username: 'é', password: 'ü' }).Authorization).toBe(
      `Basic ${Buffer.from('é:ü', 'utf8').toString('base64')}`,
    );
    expect(authHeader({ kind: 'bearer', token: 'abc' })).toEqual({ Authorization: 'Bearer abc' });
    expect(authHeader({ kind: 'none' })).toEqual({});
  });

  it('says a TAXII error plainly, with its title and description', () => {
    expect(describeFailure(413, '{"title":"ProcessingError","description":"too big"}')).toBe(
      'The team server refused the request as too large (HTTP 413: ProcessingError: too big).',
    );
    expect(describeFailure(401, 'Unauthorized Access')).toMatch(
      /refused the credentials.*Unauthorized Access/,
    );
    expect(describeFailure(502, '<html><body>Bad gateway</body></html>')).toMatch(/unreachable.*Bad gateway/);
  });

  it('splits objects into envelopes within the size limit, keeping order', () => {
    const objs = Array.from({ length: 50 }, (_, i) => intrusionSet(i));
    const one = JSON.stringify(objs[0]).length;
    const bodies = envelopes(objs, one * 7);
    expect(bodies.length).toBeGreaterThan(7);
    for (const b of bodies) expect(new TextEncoder().encode(b).length).toBeLessThanOrEqual(one * 7);
    expect(bodies.flatMap((b) => (JSON.parse(b) as { objects: StixLike[] }).objects)).toEqual(objs);
    expect(envelopes(objs, 10_000_000)).toHaveLength(1);
    expect(() => envelopes(objs, one)).toThrow(TaxiiError);
  });
});

describe.skipIf(!!missing)('TAXII client against the real server', () => {
  let server: RunningTaxii;
  const client = () =>
    new TaxiiClient({ fetch, auth: { kind: 'basic', username: USER, password: PASSWORD } });

  beforeAll(async () => {
    server = await startTaxii({ maxContentLength: 4000, maxPageSize: 40 });
  }, 30_000);
  afterAll(() => server?.stop());

  it('discovers the API root and lists the collections with their rights', async () => {
    const d = await client().discover(server.discovery);
    expect(d.title).toBe('Team TAXII server (test)');
    expect(d.api_roots).toEqual([server.apiRoot]);
    const info = await client().apiRoot(server.apiRoot);
    expect(info.max_content_length).toBe(4000);
    const cols = await client().collections(server.apiRoot);
    expect(cols.map((c) => [c.id, c.can_read, c.can_write])).toEqual([
      [SHARED, true, true],
      [NAMES, true, false],
      [DROP, false, true],
    ]);
  });

  it('adds objects split by max_content_length, follows the status, and pages them back', async () => {
    const objs = Array.from({ length: 130 }, (_, i) => intrusionSet(i));
    const statuses = await client().addObjects(server.apiRoot, SHARED, objs, 4000);
    expect(statuses.length).toBeGreaterThan(1);
    expect(statuses.every((s) => s.status === 'complete')).toBe(true);
    expect(statuses.reduce((n, s) => n + s.success_count, 0)).toBe(130);

    const got: StixLike[] = [];
    let pages = 0;
    let last: string | undefined;
    for await (const page of client().objects(server.apiRoot, SHARED, { types: ['intrusion-set'] })) {
      pages++;
      got.push(...page.objects);
      last = page.addedLast ?? last;
    }
    expect(pages).toBe(4);
    expect(new Set(got.map((o) => o.id)).size).toBe(130);
    expect(last).toMatch(/^\d{4}-\d\d-\d\dT/);

    // Nothing new since the newest date added.
    const after: StixLike[] = [];
    for await (const page of client().objects(server.apiRoot, SHARED, { addedAfter: last }))
      after.push(...page.objects);
    expect(after).toEqual([]);
  });

  it('says why: wrong password, no right to read or write, too large, server down', async () => {
    const wrong = new TaxiiClient({ fetch, auth: { kind: 'basic', username: USER, password: 'nope' } });
    await expect(wrong.collections(server.apiRoot)).rejects.toMatchObject({ kind: 'auth', status: 401 });

    await expect(client().addObjects(server.apiRoot, NAMES, [intrusionSet(1)], 4000)).rejects.toMatchObject({
      kind: 'permission',
      status: 403,
    });
    const read = client().objects(server.apiRoot, DROP);
    await expect(read.next()).rejects.toMatchObject({ kind: 'permission' });

    // The client splits by the limit it is told; a server with a smaller one says 413.
    const big = Array.from({ length: 60 }, (_, i) => intrusionSet(i));
    const e = await client()
      .addObjects(server.apiRoot, SHARED, big, 1e9)
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TaxiiError);
    expect((e as TaxiiError).kind).toBe('size');
    expect((e as TaxiiError).message).toMatch(/too large.*413.*Content-Length/);

    const gone = new TaxiiClient({ fetch, auth: { kind: 'none' } });
    await expect(gone.discover('http://127.0.0.1:9/taxii2/')).rejects.toMatchObject({ kind: 'down' });
  });

  it('gives up on a server that does not answer in time', async () => {
    // A real listener on 127.0.0.1 that takes the request and never answers.
    const hang = createServer(() => {});
    await new Promise<void>((ok) => hang.listen(0, '127.0.0.1', ok));
    const { port } = hang.address() as AddressInfo;
    const slow = new TaxiiClient({ fetch, auth: { kind: 'none' }, timeoutMs: 200 });
    try {
      await expect(slow.discover(`http://127.0.0.1:${port}/taxii2/`)).rejects.toThrow(
        /did not answer within/,
      );
    } finally {
      hang.closeAllConnections();
      hang.close();
    }
  });
});
