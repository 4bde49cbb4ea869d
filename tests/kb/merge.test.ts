import { describe, expect, it } from 'vitest';
import { compile } from '../../scripts/kb/build';
import { vendorByScheme } from '../../scripts/kb/vendors';
import { group, mispActor, noCuration, upstream } from './fixtures';

const words = new Set(['nickel', 'patchwork']);
const actor = (r: ReturnType<typeof compile>, id: string) => r.kb.actors.find((a) => a.id === id)!;

describe('merge rules', () => {
  it('never chains two actors through a shared alias; the alias becomes ambiguous', () => {
    const r = compile(
      upstream({
        threatActors: [
          mispActor('a', 'Alpha Group', ['IRIDIUM', 'Beta Name']),
          mispActor('b', 'Sandworm', ['IRIDIUM']),
        ],
      }),
      noCuration(),
      words,
    );
    expect(r.kb.actors.map((a) => a.id)).toEqual(['alpha-group', 'sandworm']);
    const shared = actor(r, 'alpha-group').aliases.find((a) => a.name === 'IRIDIUM')!;
    expect(shared).toMatchObject({
      ambiguous: true,
      sharedWith: ['sandworm'],
      source: 'Microsoft',
      legacy: true,
    });
    expect(actor(r, 'sandworm').aliases.find((a) => a.name === 'IRIDIUM')?.sharedWith).toEqual([
      'alpha-group',
    ]);
    expect(actor(r, 'sandworm').aliases.some((a) => a.name === 'Beta Name')).toBe(false);
    const rows = r.names.rows.filter((row) => row[0] === 'IRIDIUM');
    expect(rows.map((row) => row[1])).toEqual(['alpha-group', 'sandworm']);
  });

  it('attaches ATT&CK groups by MISP link, then G-id in the MISP record, then a single exact alias', () => {
    const r = compile(
      upstream({
        threatActors: [
          mispActor('m1', 'APT31', ['ZIRCONIUM'], { related: [{ 'dest-uuid': 'g128', type: 'similar' }] }),
          mispActor('m2', 'Hinted', [], { meta: { refs: ['https://attack.mitre.org/groups/G0002/'] } }),
          mispActor('m3', 'Named One', ['Only Here']),
          mispActor('m4', 'Twin A', ['Shared']),
          mispActor('m5', 'Twin B', ['Shared']),
        ],
        mitreGroups: [
          group('G0128', 'ZIRCONIUM', ['Violet Typhoon'], 'g128'),
          group('G0002', 'Something Else'),
          group('G0003', 'Only Here'),
          group('G0004', 'Shared'),
        ],
      }),
      noCuration(),
      words,
    );
    expect(actor(r, 'apt31')).toMatchObject({ attackId: 'G0128', name: 'APT31' });
    expect(actor(r, 'hinted').attackId).toBe('G0002');
    expect(actor(r, 'named-one').attackId).toBe('G0003');
    // "Shared" hits two actors: the group stands alone instead of joining either.
    expect(actor(r, 'shared').attackId).toBe('G0004');
    expect(actor(r, 'twin-a').attackId).toBeUndefined();
    expect(r.review.some((l) => l.includes('G0004') && l.includes('new actor'))).toBe(true);
  });

  it('keeps an actor named like a pending group for that group', () => {
    const r = compile(
      upstream({
        threatActors: [mispActor('m1', 'APT42', ['UNC788'])],
        mitreGroups: [group('G1029', 'UNC788'), group('G1044', 'APT42')],
      }),
      noCuration(),
      words,
    );
    expect(actor(r, 'apt42').attackId).toBe('G1044');
    expect(actor(r, 'unc788').attackId).toBe('G1029');
  });

  it('credits vendors from name-attribution first, then from unambiguous naming schemes', () => {
    const r = compile(
      upstream({
        producers: [{ uuid: 'p1', value: 'Palo Alto' }],
        threatActors: [
          mispActor(
            'm1',
            'APT31',
            ['JUDGMENT PANDA', 'BRONZE VINEWOOD', 'TA412', 'Nickel', 'G0128', 'Unknown'],
            {
              meta: { 'name-attribution': ['Fighting Ursa:p1'] },
            },
          ),
        ],
      }),
      noCuration({
        vendorNames: { 'Palo Alto': 'Palo Alto Networks' },
        overrides: {
          canonical: [],
          aliasSources: [],
          dropAliases: [{ name: 'Unknown', reason: 'placeholder' }],
          countries: [],
        },
      }),
      words,
    );
    const by = Object.fromEntries(actor(r, 'apt31').aliases.map((a) => [a.name, a]));
    expect(by['Fighting Ursa']?.source).toBe('Palo Alto Networks');
    expect(by['Judgment Panda']?.source).toBe('CrowdStrike');
    expect(by['Bronze Vinewood']?.source).toBe('Secureworks');
    expect(by.TA412).toMatchObject({ source: 'Proofpoint', caseSensitive: true });
    expect(by.APT31).toMatchObject({ source: 'Mandiant', caseSensitive: true });
    expect(by.Nickel).toMatchObject({ ordinaryWord: true });
    expect(by.G0128).toBeUndefined();
    expect(by.Unknown).toBeUndefined();
    expect(r.review).toContain('drop: "Unknown" from apt31: placeholder');
  });

  it('reads naming schemes only where they are unambiguous', () => {
    expect(vendorByScheme('Violet Typhoon')?.source).toBe('Microsoft');
    expect(vendorByScheme('Storm-0558')?.source).toBe('Microsoft');
    expect(vendorByScheme('DEV-0537')).toEqual({ source: 'Microsoft', legacy: true });
    expect(vendorByScheme('APT-C-39')?.source).toBe('Qihoo 360');
    expect(vendorByScheme('UNC2452')?.source).toBe('Mandiant');
    expect(vendorByScheme('RedBravo')?.source).toBe('Recorded Future');
    expect(vendorByScheme('Cobalt Group')).toBeUndefined();
    expect(vendorByScheme('Lazarus Group')).toBeUndefined();
  });
});
