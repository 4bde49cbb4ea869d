import { describe, expect, it } from 'vitest';
import { loadKb } from '../../lib/kb/index';
import {
  createSearch,
  editDistance,
  searchDocs,
  searchFacets,
  searchFromJson,
  searchIndexJson,
} from '../../lib/kb/search';

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

  it('finds the group a campaign is attributed to by the campaign, never listing it as an alias', () => {
    const [hit] = search('operation dream job');
    expect(hit).toMatchObject({ id: 'lazarus-group', matched: 'Operation Dream Job', tier: 'exact' });
    expect(hit!.aliases).not.toContain('Operation Dream Job');
    expect(search('HomeLand Justice')[0]).toMatchObject({ id: 'lyceum', matched: 'HomeLand Justice' });
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

describe('ranking typos of a whole name', () => {
  it.each([
    ['fancy bare', 'apt28', 'Fancy Bear'],
    ['cozy bare', 'apt29', 'Cozy Bear'],
    ['charming kiten', 'apt35', 'Charming Kitten'],
    ['voltyphoon', 'volt-typhoon', 'Volt Typhoon'],
    ['lazarus grup', 'lazarus-group', 'Lazarus Group'],
  ])('"%s" puts %s first (a typo of the whole phrase beats a match of one word)', (q, id, matched) => {
    expect(search(q)[0]).toMatchObject({ id, matched });
  });

  it('keeps Head Mare below APT28 for "fancy bare"', () => {
    const ids = search('fancy bare').map((r) => r.id);
    expect(ids.indexOf('apt28')).toBe(0);
    expect(ids.indexOf('head-mare')).toBeGreaterThan(0);
  });

  it('ranks what the page names first among equally good hits, without filtering', () => {
    expect(search('ministry of state security', 2).map((r) => r.country)).toEqual(['CN', 'KP']);
    const preferred = search('ministry of state security', 5, { prefer: new Set(['kp-mss']) });
    expect(preferred.map((r) => r.id).slice(0, 2)).toEqual(['kp-mss', 'cn-mss']);
    // A page's entity never jumps above a better tier.
    expect(search('apt 31', 3, { prefer: new Set(['apt28']) })[0]!.id).toBe('apt31');
  });
});

describe('editDistance', () => {
  it.each([
    ['fancybare', 'fancybear', 2, 2],
    ['panda', 'pnada', 2, 1],
    ['judgementpanda', 'judgmentpanda', 3, 1],
    ['abc', 'abc', 0, 0],
    ['fancybare', 'headmare', 2, 3],
    ['a', 'abcdef', 2, 3],
  ])('%s → %s within %i is %i (max + 1 when over)', (a, b, max, d) => {
    expect(editDistance(a, b, max)).toBe(d);
  });
});

describe('searchFromJson', () => {
  it('finds the same over an index made ahead of time and sent as JSON (the CLI bundle ships it so)', () => {
    const shipped = searchFromJson(searchIndexJson(searchDocs(loadKb())));
    for (const q of [
      'APT31',
      'judgement panda',
      'nukib',
      'Ministry of State Security',
      'panda',
      'fancy bare',
    ])
      expect(shipped(q, 20), q).toEqual(search(q, 20));
  });
});
