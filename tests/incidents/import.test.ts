import { describe, expect, it } from 'vitest';
import { backupText, exportFileName, parseBackup } from '../../lib/backup/file';
import { MAX_IMPORT_CHARS } from '../../lib/fields/import-file';
import { planImport } from '../../lib/incidents/merge';
import { makeIncident, makeIncidents } from './make';

const file = (incidents: unknown, over: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: 'apt-lens.incidents',
    version: 1,
    exportedAt: '2025-05-28T00:00:00.000Z',
    incidents,
    ...over,
  });

describe('export JSON', () => {
  it('writes the documented envelope and round-trips exactly', () => {
    const incidents = [
      makeIncident(1),
      makeIncident(2, {
        occurredAt: '2025-05-01',
        attribution: { claimant: 'Czech government', confidence: 'high' },
      }),
    ];
    const text = backupText(incidents, new Date('2025-05-28T12:00:00Z'));
    expect(JSON.parse(text)).toMatchObject({
      format: 'apt-lens.incidents',
      version: 1,
      exportedAt: '2025-05-28T12:00:00.000Z',
    });
    const back = parseBackup(text);
    expect(back).toEqual({ ok: true, incidents, invalid: [] });
  });
  it('names the download with the date', () => {
    const d = new Date('2025-05-28T23:00:00Z');
    expect(exportFileName('json', d)).toBe('apt-lens-incidents-2025-05-28.json');
    expect(exportFileName('stix', d)).toBe('apt-lens-incidents-2025-05-28.stix.json');
  });
});

describe('parseBackup: bad input', () => {
  it.each([
    ['truncated JSON', file([makeIncident(1)]).slice(0, 100), /not valid JSON/],
    ['an array', '[]', /expected a JSON object/],
    ['another format', file([], { format: 'misp' }), /not an APT Lens incidents export/],
    ['an unknown version', file([], { version: 2 }), /Unsupported export version 2/],
    ['a version as a string', file([], { version: '1' }), /Unsupported export version "1"/],
    ['no incidents list', file('x'), /no "incidents" list/],
  ])('refuses %s with a clear error', (_name, text, error) => {
    const r = parseBackup(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(error);
  });

  it('lists records of the wrong types with reasons, keeps the good ones', () => {
    const good = makeIncident(1);
    const r = parseBackup(
      file([
        good,
        { ...makeIncident(2), tags: 'espionage' },
        { ...makeIncident(3), createdAt: 'yesterday' },
        { ...makeIncident(4), actorIds: ['<script>'] },
        { ...makeIncident(5), id: 42 },
        null,
        good,
      ]),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.incidents).toEqual([good]);
    expect(r.invalid.map((x) => x.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.invalid[0]!.reason).toMatch(/^tags/);
    expect(r.invalid[1]!.reason).toMatch(/^createdAt/);
    expect(r.invalid[5]!.reason).toMatch(/same id/);
  });

  it('drops __proto__ and constructor keys and pollutes nothing', () => {
    const raw = JSON.stringify(makeIncident(1)).replace(
      /^\{/,
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
    );
    const text = `{"format":"apt-lens.incidents","version":1,"exportedAt":"2025-05-28T00:00:00.000Z","__proto__":{"polluted":true},"incidents":[${raw}]}`;
    const r = parseBackup(text);
    expect(r.ok && r.incidents[0]).toEqual(makeIncident(1));
    expect(r.ok && Object.hasOwn(r.incidents[0]!, '__proto__')).toBe(false);
    expect(r.ok && Object.getPrototypeOf(r.incidents[0]!)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('keeps HTML and script in text fields as plain text', () => {
    const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const inc = makeIncident(1, {
      title: evil,
      notes: evil,
      pageTitle: evil,
      quote: { exact: evil, prefix: evil, suffix: evil },
      tags: [evil],
    });
    const r = parseBackup(file([inc]));
    expect(r.ok && r.incidents[0]).toEqual(inc);
  });

  it('recomputes site from the URL, whatever the file says', () => {
    const r = parseBackup(file([makeIncident(9, { url: 'https://news.example/a', site: 'bank.example' })]));
    expect(r.ok && r.incidents.map((i) => i.site)).toEqual(['news.example']);
  });

  it('refuses oversized strings per field', () => {
    const r = parseBackup(file([makeIncident(1, { notes: 'x'.repeat(20_001) })]));
    expect(r.ok && r.invalid[0]?.reason).toMatch(/^notes/);
  });

  it('reads 10,000 records', () => {
    const incidents = makeIncidents(10_000);
    const r = parseBackup(backupText(incidents, new Date()));
    expect(r.ok && r.incidents.length).toBe(10_000);
  });

  it('reads a 20 MB file, and refuses one over the limit with its size', () => {
    const big = 'x'.repeat(9_000);
    const incidents = Array.from({ length: 2300 }, (_, i) =>
      makeIncident(i + 1, { quote: { exact: big, prefix: '', suffix: '' } }),
    );
    const text = backupText(incidents, new Date());
    expect(text.length).toBeGreaterThan(20 * 1024 * 1024 * 0.95);
    const r = parseBackup(text);
    expect(r.ok && r.incidents.length).toBe(2300);
    const tooBig = parseBackup(' '.repeat(MAX_IMPORT_CHARS + 1));
    expect(!tooBig.ok && tooBig.error).toMatch(/too large \(32\.0 MB\)/);
  });
});

describe('merge rules', () => {
  const a = makeIncident(1);
  const stored = new Map([[a.id, a]]);
  const look = (id: string) => stored.get(id);
  it('adds new ids', () => expect(planImport([makeIncident(2)], look).add).toHaveLength(1));
  it('counts identical records as unchanged, whatever their key order', () => {
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as typeof a;
    expect(planImport([reordered], look)).toMatchObject({ add: [], update: [], unchanged: 1, older: 0 });
  });
  it('lets the newer updatedAt win', () => {
    const newer = { ...a, notes: 'new', updatedAt: '2030-01-01T00:00:00.000Z' };
    const older = { ...a, notes: 'old', updatedAt: '2000-01-01T00:00:00.000Z' };
    expect(planImport([newer], look).update).toEqual([newer]);
    expect(planImport([older], look)).toMatchObject({ update: [], older: 1 });
  });
});
