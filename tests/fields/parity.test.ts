/**
 * The import accepts exactly what the published JSON Schema accepts: a seeded generator makes edge cases
 * (URLs, dates and date-times, lengths in code points, ids) and each one goes, in a one-incident backup file,
 * to the import's parser and to a JSON Schema validator (ajv with its formats) reading
 * docs/incidents.schema.json. Every verdict must agree; a disagreement prints the value that split them.
 */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parseBackup } from '../../lib/backup/file';
import { SCHEMA_PATH } from '../../scripts/schema/incidents';
import { makeIncident } from '../incidents/make';

const ajv = new Ajv2020({ strict: false, allErrors: false });
addFormats(ajv);
const published = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));

/** mulberry32: a small seeded generator, so a failure is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const some = (r: Rand, xs: readonly string[], max: number) =>
  Array.from({ length: int(r, 0, max) }, () => pick(r, xs)).join('');

/** Characters that split URL grammars: spaces, non-ASCII, brackets, percent signs, delimiters. */
const URL_CHARS = [
  'a',
  'Z',
  '0',
  '-',
  '.',
  '_',
  '~',
  '%',
  '%2',
  '%41',
  '%zz',
  ' ',
  'ü',
  '|',
  '"',
  '<',
  '{',
  '\\',
  '^',
  '`',
  '[',
  ']',
  '@',
  ':',
  '!',
  '$',
  "'",
  '(',
  '*',
  '+',
  ',',
  ';',
  '=',
  '/',
  '?',
  '#',
  '\u00a0',
  '\t',
];

function url(r: Rand): string {
  const scheme = pick(r, [
    'http://',
    'https://',
    'HTTP://',
    'hTtPs://',
    'http:/',
    'https:',
    'ftp://',
    'javascript:',
    '//',
    'http:///',
  ]);
  const host = pick(r, [
    'example.org',
    'exa mple.org',
    'news.example',
    '127.0.0.1',
    '256.1.1.1',
    '[::1]',
    '[::1',
    '[v1.x]',
    '[fe80::1%25eth0]',
    'a.123',
    '',
    'bücher.example',
    'xn--bcher-kva.example',
    'user:pw@example.org',
    '@example.org',
    '%41.example',
    some(r, URL_CHARS, 6),
  ]);
  const port = pick(r, ['', '', ':', ':80', ':8080', ':65535', ':99999', ':x']);
  const path = pick(r, [
    '',
    '/',
    '/a/b',
    '/with space',
    '/a%20b',
    '/%zz',
    '/ü',
    '/a|b',
    '/[x]',
    `/${some(r, URL_CHARS, 8)}`,
  ]);
  const query = pick(r, ['', '?a=b', '?a b', '?%', '?q=ü', `?${some(r, URL_CHARS, 4)}`]);
  const fragment = pick(r, ['', '#x', '#a#b', '#ü', `#${some(r, URL_CHARS, 4)}`]);
  return scheme + host + port + path + query + fragment;
}

const two = (r: Rand, edge: number[]) => String(r() < 0.7 ? pick(r, edge) : int(r, 0, 99)).padStart(2, '0');

function date(r: Rand): string {
  const year = pick(r, ['2024', '2023', '1900', '2000', '0000', '9999', '202', '20245']);
  return `${year}-${two(r, [1, 2, 12, 13, 0])}-${two(r, [1, 28, 29, 30, 31, 32, 0])}`;
}

function dateTime(r: Rand): string {
  const sep = pick(r, ['T', 'T', 'T', 't', ' ', '']);
  const time = `${two(r, [0, 23, 24])}:${two(r, [0, 59, 60])}:${two(r, [0, 59, 60, 61])}`;
  const frac = pick(r, ['', '', '.5', '.123456789', '.']);
  const zone = pick(r, ['Z', 'Z', 'z', '', '+00:00', '-23:59', '+24:00', '+05:60', '+0530', '+05']);
  return `${date(r)}${sep}${time}${frac}${zone}`;
}

/** A string around a limit, counted in code points: astral characters and lone surrogates included. */
function lengthy(r: Rand, limit: number): string {
  const n = limit + int(r, -2, 2);
  const unit = pick(r, ['a', '😀', '\ud83d', '\ude00', 'é', 'e\u0301']);
  return unit.repeat(Math.max(0, n));
}

function entityId(r: Rand): string {
  return pick(r, [
    'apt31',
    'cn-mss',
    'ours-x',
    '-apt',
    'APT31',
    'apt 31',
    'a',
    '',
    'a'.repeat(81),
    'a'.repeat(82),
    `a${some(r, ['a', '0', '-', '_', '.', 'A', ' '], 6)}`,
  ]);
}

function uuid(r: Rand): string {
  const hex = (n: number) => Array.from({ length: n }, () => pick(r, [...'0123456789abcdefABCDEF'])).join('');
  return pick(r, [
    `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
    `urn:uuid:${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
    `${hex(8)}${hex(4)}${hex(4)}${hex(4)}${hex(12)}`,
    `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(11)}g`,
    `{${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}}`,
  ]);
}

/** One generated change to a valid incident, named by the field it edits. */
const CASES: Record<string, (r: Rand) => Record<string, unknown>> = {
  url: (r) => ({ url: url(r) }),
  createdAt: (r) => ({ createdAt: dateTime(r) }),
  occurredAt: (r) => ({ occurredAt: r() < 0.5 ? date(r) : dateTime(r) }),
  claimDate: (r) => ({
    claims: [
      { kind: 'incident', claimants: [], accusedName: 'x', confidence: '', sentence: '', date: date(r) },
    ],
  }),
  title: (r) => ({ title: lengthy(r, 500) }),
  tag: (r) => ({ tags: [lengthy(r, 100)] }),
  notes: (r) => ({ notes: lengthy(r, 20_000) }),
  urlLength: (r) => ({ url: `https://example.org/${'a'.repeat(4096 - 20 + int(r, -2, 2))}` }),
  actorIds: (r) => ({ actorIds: [entityId(r)] }),
  id: (r) => ({ id: uuid(r) }),
};

/** The file around one incident, with a generated top level as well when `top` is set. */
function fileWith(incident: Record<string, unknown>, top: Record<string, unknown> = {}) {
  return {
    format: 'apt-lens.incidents',
    version: 1,
    exportedAt: '2025-05-28T00:00:00.000Z',
    incidents: [incident],
    ...top,
  };
}

/** The parser accepts the file as the schema would: readable, and its one incident kept. */
function parserAccepts(file: unknown): boolean {
  const r = parseBackup(JSON.stringify(file));
  return r.ok && r.invalid.length === 0;
}

describe('the import and the published JSON Schema agree', () => {
  it.each(Object.keys(CASES))('on generated %s values', (field) => {
    const r = random(0x5eed + field.length * 7919 + field.charCodeAt(0));
    const disagreements: string[] = [];
    let accepted = 0;
    for (let i = 0; i < 400; i++) {
      const over = CASES[field]!(r);
      const file = fileWith({ ...makeIncident(1), ...over });
      const schema = published(file);
      if (schema !== parserAccepts(file)) disagreements.push(`${JSON.stringify(over)} schema=${schema}`);
      if (schema) accepted++;
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
    // The generator reaches both sides of the line, or the comparison proves little.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(400);
  });

  it('on generated top-level fields (exportedAt, watchlist)', () => {
    const r = random(0xf11e);
    const disagreements: string[] = [];
    for (let i = 0; i < 400; i++) {
      const top = r() < 0.5 ? { exportedAt: dateTime(r) } : { watchlist: [entityId(r), entityId(r)] };
      const file = fileWith(makeIncident(1), top);
      const schema = published(file);
      if (schema !== parserAccepts(file)) disagreements.push(`${JSON.stringify(top)} schema=${schema}`);
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
  });

  it('refuses the page link the issue names, on both sides', () => {
    const file = fileWith({ ...makeIncident(1), url: 'https://exa mple.org/with space' });
    expect(published(file)).toBe(false);
    expect(parserAccepts(file)).toBe(false);
    const spaceInPath = fileWith({ ...makeIncident(1), url: 'https://example.org/with space' });
    expect(published(spaceInPath)).toBe(false);
    expect(parserAccepts(spaceInPath)).toBe(false);
  });
});
