import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { main } from '../../scripts/cli';

async function run(argv: string[], { stdin = '', errIsTty = false } = {}) {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    readStdin: async () => stdin,
    errIsTty,
  });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'apt-lens-cli-'));
mkdirSync(join(dir, 'news/sub'), { recursive: true });
mkdirSync(join(dir, 'news/.hidden'), { recursive: true });
writeFileSync(join(dir, 'news/a.txt'), 'Prague named APT 31 after the breach.');
writeFileSync(join(dir, 'news/sub/b.html'), '<p>Then <b>Lazarus Group</b> hackers struck.</p>');
writeFileSync(join(dir, 'news/sub/photo.png'), Buffer.from([0x89, 0x50, 0, 0]));
writeFileSync(join(dir, 'news/.hidden/c.txt'), 'APT28');
writeFileSync(join(dir, 'empty.txt'), 'nothing to see');

describe('apt-lens --version and --help', () => {
  it('prints the package version', async () => {
    for (const flag of ['--version', '-v'])
      expect(await run([flag])).toMatchObject({ code: 0, out: `apt-lens ${pkg.version}\n` });
  });

  it.each([
    ['kb', ['--json']],
    ['search', ['--json', '--limit']],
    ['scan', ['--json', 'FILE|DIR|-']],
  ])('%s --help lists every option and exits 0', async (command, options) => {
    for (const argv of [
      [command, '--help'],
      [command, '-h'],
      ['help', command],
      [command, '--json', '--help'],
    ]) {
      const { code, out, err } = await run(argv);
      expect(code).toBe(0);
      expect(err).toBe('');
      expect(out).toContain(`usage: apt-lens ${command}`);
      for (const o of [...options, '--help']) expect(out).toContain(o);
    }
  });

  it('lists the global options in the main help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('--version');
    expect(out).toContain('FILE|DIR|- ...');
  });
});

describe('apt-lens search output', () => {
  it('says so in one line when nothing matches', async () => {
    const { code, out, err } = await run(['search', 'qqqqqqqqqqqqqqqq']);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe('apt-lens search: no actor or agency matches "qqqqqqqqqqqqqqqq"\n');
  });

  it('shows the alias that matched in text output', async () => {
    const { out } = await run(['search', '--limit', '1', 'judgement panda']);
    expect(out).toMatch(/^APT31 {2}\[actor apt31 CN\] {2}matched "Judgment Panda"/);
  });
});

describe('apt-lens scan with many inputs', () => {
  it('prints JSON Lines, one object per file, folders walked recursively for documents', async () => {
    const { code, out, err } = await run(['scan', '--json', join(dir, 'news'), join(dir, 'empty.txt')]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual([
      join(dir, 'news/a.txt'),
      join(dir, 'news/sub/b.html'),
      join(dir, 'empty.txt'),
    ]);
    expect(lines[0].mentions).toMatchObject([{ text: 'APT 31', id: 'apt31' }]);
    expect(lines[1].mentions).toMatchObject([{ text: 'Lazarus Group', kind: 'actor' }]);
    expect(lines[1].text.slice(lines[1].mentions[0].start, lines[1].mentions[0].end)).toBe('Lazarus Group');
    expect(lines[2]).toEqual({ file: join(dir, 'empty.txt'), mentions: [] });
  });

  it('reads standard input among files', async () => {
    const { code, out } = await run(['scan', '--json', '-', join(dir, 'empty.txt')], {
      stdin: 'APT28 again',
    });
    expect(code).toBe(0);
    const first = JSON.parse(out.split('\n')[0]!);
    expect(first.file).toBe('(stdin)');
    expect(first.mentions[0].text).toBe('APT28');
  });

  it('reports an unreadable file and still scans the others (exit 2)', async () => {
    const { code, out, err } = await run([
      'scan',
      '--json',
      join(dir, 'missing.txt'),
      join(dir, 'news/a.txt'),
    ]);
    expect(code).toBe(2);
    expect(err).toContain('no such file');
    expect(out.trimEnd().split('\n')).toHaveLength(1);
  });

  it('prints a section per file in text output, with the names as written', async () => {
    const { out } = await run(['scan', join(dir, 'news/a.txt'), join(dir, 'empty.txt')]);
    expect(out).toContain(`== ${join(dir, 'news/a.txt')}\nactor APT31 (CN) [apt31] ×1 as "APT 31"`);
    expect(out).toContain(`== ${join(dir, 'empty.txt')}\nno mentions found`);
  });

  it('draws a progress line on stderr only when it is a terminal', async () => {
    const args = ['scan', '--json', join(dir, 'news')];
    expect((await run(args)).err).toBe('');
    const { err } = await run(args, { errIsTty: true });
    expect(err).toContain('scanning 1/2');
    expect(err).toContain('scanning 2/2');
    expect(err.endsWith('\r\x1b[K')).toBe(true);
  });

  it('rejects standard input twice', async () => {
    const { code, err } = await run(['scan', '-', '-']);
    expect(code).toBe(2);
    expect(err).toContain('once');
  });
});
