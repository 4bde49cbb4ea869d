import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, dictionary, OUTPUT_DIR, serialize } from '../../scripts/kb/build';
import { readCurated } from '../../scripts/kb/curated';
import { wordLists } from '../../scripts/kb/general-text';
import { readUpstream } from '../../scripts/kb/upstream';

const root = join(import.meta.dirname, '..', '..');
const upstreamDir = join(root, '..', 'shared', 'data', 'upstream');
const present = existsSync(join(upstreamDir, 'SOURCES.md'));
if (!present)
  console.warn(`skipping the KB rebuild tests: ${upstreamDir} is absent (it sits beside the repo)`);

describe.skipIf(!present)('KB rebuilt from ../shared/data/upstream', () => {
  const result = present
    ? compile(readUpstream(upstreamDir), readCurated(join(root, 'data')), dictionary(), wordLists())
    : undefined;
  // Read lazily: vitest collects a skipped block's body too, and there is no result then.
  const kb = result?.kb as NonNullable<typeof result>['kb'];

  it(`is byte-identical to the committed ${OUTPUT_DIR}`, () => {
    for (const [file, text] of Object.entries(serialize(result!))) {
      expect(text, `${OUTPUT_DIR}/${file} is stale: run npm run kb`).toBe(
        readFileSync(join(root, OUTPUT_DIR, file), 'utf8'),
      );
    }
  });

  it('has every active ATT&CK group as exactly one actor', () => {
    const ids = kb.actors.map((a) => a.attackId).filter(Boolean);
    expect(ids).toHaveLength(176);
    expect(new Set(ids).size).toBe(176);
  });

  it('credits every Microsoft weather name to Microsoft', () => {
    const rows = JSON.parse(
      readFileSync(join(upstreamDir, 'microsoft-mstic/MicrosoftMapping.json'), 'utf8'),
    ) as { 'Threat actor name': string }[];
    const credited = new Set(
      kb.actors.flatMap((a) =>
        a.aliases.filter((x) => x.source === 'Microsoft').map((x) => x.name.toLowerCase()),
      ),
    );
    const weather = rows
      .map((r) => r['Threat actor name'].trim())
      .filter((n) => !/^(Storm|DEV)-\d+$/.test(n) && !/^\S+-\d+$/.test(n));
    expect(weather.filter((n) => !credited.has(n.toLowerCase()))).toEqual([]);
  });

  it('tells the APT31 story', () => {
    const apt31 = kb.actors.find((a) => a.id === 'apt31')!;
    const src = Object.fromEntries(apt31.aliases.map((a) => [a.name, a]));
    expect(src['Judgment Panda']?.source).toBe('CrowdStrike');
    expect(src['Violet Typhoon']?.source).toBe('Microsoft');
    expect(src.ZIRCONIUM).toMatchObject({ source: 'Microsoft', legacy: true });
    expect(src['Bronze Vinewood']?.source).toBe('Secureworks');
    expect(src.RedBravo?.source).toBe('Recorded Future');
    expect(src['Red Keres']?.source).toBe('PwC');
    expect(src.WebFans).toBeUndefined();
    expect(apt31).toMatchObject({ country: 'CN', attackId: 'G0128', sponsor: { agencyId: 'cn-mss' } });
  });

  it('gives APT31 each government that attributed it with its own date, newest first', () => {
    const s = kb.actors.find((a) => a.id === 'apt31')!.sponsor!;
    expect(s.events.map((e) => [e.by, e.date])).toEqual([
      ['Czech Republic', '2025-05-28'],
      ['European Union', '2025-05-28'],
      ['United Kingdom', '2024-03-25'],
      ['United States', '2024-03-25'],
      ['United Kingdom', '2021-07-19'],
    ]);
  });

  it('makes every attribution an event with who, when, how and a source, newest first', () => {
    for (const a of kb.actors) {
      if (!a.sponsor) continue;
      const dates = a.sponsor.events.map((e) => e.date);
      expect(dates, a.id).toEqual([...dates].sort().reverse());
      for (const e of a.sponsor.events) {
        expect(e.by, a.id).toBeTruthy();
        expect(e.how, a.id).toBeTruthy();
        expect(e.date, a.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(e.refs.length, a.id).toBeGreaterThan(0);
      }
    }
  });

  it('meets the coverage floor', () => {
    const sponsored = kb.actors.filter(
      (a) => a.sponsor?.agencyId && a.sponsor.events.some((e) => e.kind !== 'vendor' && e.agencyId),
    );
    // 45 since records ATT&CK names as one group were merged (Charming Kitten into APT35, APT43 into Kimsuky…)
    // and the HomeLand Justice campaign stopped being an actor.
    expect(sponsored.length).toBeGreaterThanOrEqual(45);
    expect(kb.agencies.length).toBeGreaterThanOrEqual(300);
    expect(new Set(kb.agencies.map((a) => a.country).filter(Boolean)).size).toBeGreaterThanOrEqual(100);
    for (const id of [
      'apt31',
      'apt28',
      'apt29',
      'turla',
      'sandworm-team',
      'lazarus-group',
      'kimsuky',
      'apt41',
      'apt40',
      'apt10',
      'volt-typhoon',
      'muddywater',
    ])
      expect(
        kb.actors.some((a) => a.id === id),
        id,
      ).toBe(true);
    for (const id of [
      'cn-mss',
      'cn-pla-61398',
      'ru-gru',
      'ru-gru-26165',
      'ru-gru-74455',
      'ru-svr',
      'ru-fsb',
      'kp-rgb',
      'ir-irgc',
      'ir-mois',
      'cz-nukib',
      'cz-bis',
      'cz-mfa',
      'gb-ncsc',
      'gb-gchq',
      'us-cisa',
      'us-fbi',
      'us-nsa',
      'us-doj',
      'de-bsi',
      'de-bfv',
      'fr-anssi',
      'ua-cert-ua',
      'ua-sbu',
      'au-asd',
      'ca-cccs',
      'int-eu',
      'int-nato',
      'int-enisa',
      'int-cert-eu',
      'int-europol',
      'int-interpol',
    ])
      expect(
        kb.agencies.some((a) => a.id === id),
        id,
      ).toBe(true);
  });

  it('never lists a bare ATT&CK id as a name', () => {
    expect(kb.actors.flatMap((a) => a.aliases).filter((a) => /^G\d{4}$/.test(a.name))).toEqual([]);
  });
});
