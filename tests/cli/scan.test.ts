import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../scripts/cli';

const dir = mkdtempSync(join(tmpdir(), 'apt-lens-scan-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

async function run(args: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await main(['scan', ...args], {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    readStdin: async () => stdin,
  });
  return { code, out, err };
}

describe('apt-lens scan', () => {
  it('scans plain text with offsets into it', async () => {
    const text = 'Prague named APT31 after the breach.';
    const { code, out } = await run(['--json', file('a.txt', text)]);
    expect(code).toBe(0);
    const { mentions } = JSON.parse(out);
    expect(mentions).toHaveLength(1);
    expect(text.slice(mentions[0].start, mentions[0].end)).toBe('APT31');
    expect(mentions[0]).toMatchObject({ kind: 'actor', id: 'apt31' });
  });

  it('reads standard input for -', async () => {
    const { code, out } = await run(['--json', '-'], 'APT 31 again');
    expect(code).toBe(0);
    expect(JSON.parse(out).mentions[0].text).toBe('APT 31');
  });

  it('scans the visible text of HTML and returns that text', async () => {
    const html = '<html><head><title>APT28</title></head><body><p>The APT<b>31</b> hackers</p></body></html>';
    const { code, out } = await run(['--json', file('page.html', html)]);
    expect(code).toBe(0);
    const { text, mentions } = JSON.parse(out);
    expect(text).toContain('The APT31 hackers');
    expect(mentions.map((m: { text: string }) => m.text)).toEqual(['APT31']);
    expect(text.slice(mentions[0].start, mentions[0].end)).toBe('APT31');
  });

  it('prints a readable list without --json', async () => {
    const { code, out } = await run([file('b.txt', 'APT31 and APT 31 again.')]);
    expect(code).toBe(0);
    expect(out).toMatch(/actor APT31 .*\[apt31\] ×2/);
    expect(out).toContain('[APT31] and APT 31 again.');
  });

  it.each([
    [['--json', join(dir, 'missing.txt')], /no such file/],
    [['--json', file('bin.dat', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]))], /binary/],
    [['--frobnicate', file('c.txt', 'x')], /unknown option/],
    [[], /usage/],
  ])('rejects bad input %j with exit 2', async (args, message) => {
    const { code, err } = await run(args as string[]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
