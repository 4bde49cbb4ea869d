import { describe, expect, it } from 'vitest';
import { NameFlag } from '../../lib/kb/types';
import { buildAgencies } from '../../scripts/kb/agencies';
import { countryLookup } from '../../scripts/kb/countries';
import type { CuratedAgency } from '../../scripts/kb/curated';
import { nameFlags } from '../../scripts/kb/flags';
import { NO_LISTS } from '../../scripts/kb/general-text';
import { nameTable } from '../../scripts/kb/output';

const words = { dictionary: new Set(['nickel', 'snake']), curated: new Set(['snake', 'turla']) };

describe('name flags', () => {
  it.each([
    ['Nickel', { ordinaryWord: true }],
    ['Snake', { ordinaryWord: true }],
    ['Turla', { ordinaryWord: true, properName: true }],
    ['Volt Typhoon', {}],
  ])('%s', (name, flags) => {
    expect(nameFlags(name, words)).toEqual(flags);
  });
});

describe('primary agency for a shared abbreviation', () => {
  const ncsc = (id: string, country: string, primaryFor?: string[]): CuratedAgency => ({
    id,
    name: 'National Cyber Security Centre',
    abbreviations: ['NCSC'],
    localNames: [],
    country,
    kind: 'cyber-security',
    ...(primaryFor ? { primaryFor } : {}),
  });
  const build = (agencies: CuratedAgency[]) => buildAgencies([], [], agencies, countryLookup([]), () => {});

  it('flags the declared agency’s row only', () => {
    const agencies = build([ncsc('gb-ncsc', 'GB', ['NCSC']), ncsc('ie-ncsc', 'IE')]);
    const rows = nameTable({ actors: [], agencies }, words, {
      ...NO_LISTS,
      dictionary: new Set(),
      curated: new Set(),
    }).rows.filter((r) => r[0] === 'NCSC');
    expect(rows.map((r) => [r[1], (r[3] & NameFlag.primary) !== 0])).toEqual([
      ['gb-ncsc', true],
      ['ie-ncsc', false],
    ]);
  });

  it('rejects two primaries and a primary that is not an abbreviation', () => {
    expect(() => build([ncsc('gb-ncsc', 'GB', ['NCSC']), ncsc('ie-ncsc', 'IE', ['NCSC'])])).toThrow(
      /both primary/,
    );
    expect(() => build([ncsc('gb-ncsc', 'GB', ['CSC'])])).toThrow(/not one of its abbreviations/);
  });
});

describe('retired vendor names that are product names', () => {
  it('keeps them on the card but gives them no name-table row', () => {
    const actor = {
      id: 'earth-lusca',
      name: 'Earth Lusca',
      aliases: [
        { name: 'Earth Lusca' },
        { name: 'CHROMIUM', source: 'Microsoft', legacy: true },
        { name: 'ZINC', source: 'Microsoft', legacy: true },
      ],
      refs: [],
      related: [],
    };
    const rows = nameTable({ actors: [actor], agencies: [] }, words, {
      ...NO_LISTS,
      brands: new Set(['chromium']),
      dictionary: new Set(),
      curated: new Set(),
    }).rows.map((r) => r[0]);
    expect(rows).toEqual(['Earth Lusca', 'ZINC']);
  });
});
