import { describe, expect, it } from 'vitest';
import { type CliIo, main } from '../../scripts/cli';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    readStdin: async () => '',
  };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('apt-lens kb', () => {
  it('prints the whole KB as JSON with credited aliases and sponsors', async () => {
    const { code, out } = await run('kb', '--json');
    expect(code).toBe(0);
    const kb = JSON.parse(out);
    const apt31 = kb.actors.find((a: { id: string }) => a.id === 'apt31');
    expect(apt31).toMatchObject({ id: 'apt31', name: 'APT31', country: 'CN', attackId: 'G0128' });
    expect(apt31.aliases).toContainEqual(expect.objectContaining({ name: 'APT31', source: 'Mandiant' }));
    expect(apt31.sponsor).toMatchObject({ country: 'CN', agencyId: 'cn-mss' });
    expect(apt31.sponsor.events.length).toBeGreaterThan(0);
    expect(apt31.sponsor.events[0].refs.length).toBeGreaterThan(0);
    const nukib = kb.agencies.find((a: { id: string }) => a.id === 'cz-nukib');
    expect(nukib).toMatchObject({ name: expect.any(String), country: 'CZ', kind: 'cyber-security' });
    expect(nukib.abbreviations).toEqual(expect.arrayContaining(['NÚKIB', 'NUKIB']));
    expect(Array.isArray(nukib.localNames)).toBe(true);
  });

  it('prints counts without --json', async () => {
    const { code, out } = await run('kb');
    expect(code).toBe(0);
    expect(out).toMatch(/actors\s+\d+/);
  });

  it('prints credit and attribution coverage with --stats', async () => {
    const { code, out } = await run('kb', '--stats');
    expect(code).toBe(0);
    expect(out).toMatch(/aliases credited to their coiner\s+\d+ of \d+ \(\d+\.\d%\)/);
    expect(out).toMatch(/ATT&CK groups, the names ATT&CK lists\s+\d+ of \d+/);
    expect(out).toMatch(/agency named by a government\s+\d+/);
    expect(out).toMatch(/newest fact\s+\d{4}-\d{2}-\d{2}/);
    expect((await run('kb', '--stats', '--json')).code).toBe(2);
  });

  it('rejects unknown arguments with exit 2', async () => {
    const { code, err } = await run('kb', '--yaml');
    expect(code).toBe(2);
    expect(err).toContain("unexpected argument '--yaml'");
  });
});

describe('apt-lens search', () => {
  const top = async (q: string) => JSON.parse((await run('search', '--json', q)).out).results[0];

  it('forgives typos: judgement panda finds APT31 first', async () => {
    expect(await top('judgement panda')).toMatchObject({ id: 'apt31', kind: 'actor', name: 'APT31' });
  });

  it('ignores spacing and diacritics', async () => {
    expect((await top('apt 31')).id).toBe('apt31');
    expect(await top('nukib')).toMatchObject({ id: 'cz-nukib', kind: 'agency' });
    expect((await top('nukib')).aliases).toContain('NÚKIB');
  });

  it('returns results with scores, best first', async () => {
    const { code, out } = await run('search', '--json', '--limit', '5', 'typhoon');
    expect(code).toBe(0);
    const { results } = JSON.parse(out);
    expect(results.length).toBe(5);
    for (let i = 1; i < results.length; i++)
      expect(results[i - 1].score).toBeGreaterThanOrEqual(results[i].score);
  });

  it('exits 2 on a missing query or an unknown flag, 1 on no match', async () => {
    expect((await run('search')).code).toBe(2);
    expect((await run('search', '--json')).err).toContain('missing QUERY');
    expect((await run('search', '--fuzzy', 'x')).code).toBe(2);
    expect((await run('search', '--limit', 'zero', 'x')).code).toBe(2);
    expect((await run('search', 'qqqqqqqqqqqqqqqqqqqqqq')).code).toBe(1);
  });
});
