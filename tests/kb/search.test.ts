import { describe, expect, it } from 'vitest';
import { loadKb } from '../../lib/kb/index';
import { createSearch, searchFacets } from '../../lib/kb/search';

const search = createSearch(loadKb());

describe('createSearch', () => {
  it.each([
    ['judgement panda', 'apt31', 'Judgment Panda', 'fuzzy'],
    ['apt 31', 'apt31', 'APT31', 'exact'],
    ['nukib', 'cz-nukib', 'NÚKIB', 'exact'],
    ['bronze vin', 'apt31', 'Bronze Vinewood', 'prefix'],
    ['violet typh', 'apt31', 'Violet Typhoon', 'prefix'],
    ['fancy bear', 'apt28', 'Fancy Bear', 'exact'],
  ])('%s → %s, shown as the alias it matched', (q, id, matched, tier) => {
    expect(search(q)[0]).toMatchObject({ id, matched, tier });
  });

  it('ranks exact names before prefixes before typos', () => {
    const tiers = search('apt 31', 20).map((r) => r.tier);
    expect(tiers[0]).toBe('exact');
    expect(tiers).toEqual(
      [...tiers].sort(
        (a, b) => ['exact', 'prefix', 'fuzzy'].indexOf(a) - ['exact', 'prefix', 'fuzzy'].indexOf(b),
      ),
    );
  });

  it('filters by kind, country and vendor', () => {
    expect(search('mss', 20, { kind: 'actor' }).every((r) => r.kind === 'actor')).toBe(true);
    const cn = search('panda', 20, { country: 'CN' });
    expect(cn.length).toBeGreaterThan(0);
    expect(cn.every((r) => r.country === 'CN')).toBe(true);
    expect(search('judgment panda', 5, { vendor: 'Microsoft' })[0]?.id).toBe('apt31');
    expect(search('judgment panda', 5, { vendor: 'Dragos' }).map((r) => r.id)).not.toContain('apt31');
  });

  it('returns nothing for a blank query', () => {
    expect(search('  -  ')).toEqual([]);
  });

  it('lists the countries and vendors to filter by', () => {
    const f = searchFacets(loadKb());
    expect(f.countries).toContain('CN');
    expect(f.vendors).toEqual(expect.arrayContaining(['CrowdStrike', 'Microsoft']));
  });
});
