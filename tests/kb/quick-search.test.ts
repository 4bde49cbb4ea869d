import { describe, expect, it } from 'vitest';
import { quickSearch } from '../../lib/kb/quick-search';
import type { NameRow } from '../../lib/kb/types';

const rows: NameRow[] = [
  { name: 'APT31', id: 'apt31', kind: 'actor', flags: 4, canonical: 'APT31' },
  { name: 'Judgment Panda', id: 'apt31', kind: 'actor', flags: 0, canonical: 'APT31' },
  {
    name: 'NÚKIB',
    id: 'cz-nukib',
    kind: 'agency',
    flags: 4,
    canonical: 'National Cyber and Information Security Agency',
  },
];

describe('quickSearch', () => {
  it.each([
    ['judgment', 'apt31', 'Judgment Panda'],
    ['apt 31', 'apt31', 'APT31'],
    ['nukib', 'cz-nukib', 'NÚKIB'],
  ])('%s finds %s through %s', (q, id, matched) => {
    expect(quickSearch(rows, q)[0]).toMatchObject({ id, matched });
  });
  it('returns one hit per entity and nothing for an empty query', () => {
    expect(quickSearch(rows, 'a').filter((h) => h.id === 'apt31')).toHaveLength(1);
    expect(quickSearch(rows, '  ')).toEqual([]);
  });
});
