import { describe, expect, it } from 'vitest';
import { NameFlag, type NameRow } from '../../lib/kb/types';
import { createMatcher } from '../../lib/match/find-mentions';

const { ordinaryWord: ORD, short: SHORT, caseSensitive: CS, ambiguous: AMB, legacy: LEG } = NameFlag;

const actor = (name: string, id: string, flags = 0, country?: string): NameRow => ({
  name,
  id,
  kind: 'actor',
  flags,
  canonical: id.toUpperCase(),
  ...(country ? { country } : {}),
});
const agency = (
  name: string,
  id: string,
  country: string,
  flags = 0,
  agencyKind: NameRow['agencyKind'] = 'intelligence',
): NameRow => ({
  name,
  id,
  kind: 'agency',
  flags,
  canonical: name,
  country,
  agencyKind,
});

const rows: NameRow[] = [
  actor('APT31', 'apt31', CS, 'CN'),
  actor('APT3', 'apt3', CS | SHORT, 'CN'),
  actor('Judgment Panda', 'apt31', 0, 'CN'),
  actor('Volt Typhoon', 'volt-typhoon', 0, 'CN'),
  actor('DEV-0391', 'volt-typhoon', LEG, 'CN'),
  actor('TEMP.Veles', 'temp-veles', 0, 'RU'),
  actor('Turla', 'turla', 0, 'RU'),
  actor('Snake', 'turla', ORD, 'RU'),
  actor('Fancy Bear', 'apt28', 0, 'RU'),
  actor('Nickel', 'apt15', ORD, 'CN'),
  actor('Patchwork', 'patchwork', ORD, 'IN'),
  actor('Cobalt', 'cobalt', ORD),
  actor('Lazarus', 'lazarus-group', ORD, 'KP'),
  actor('Lazarus Group', 'lazarus-group', 0, 'KP'),
  actor('HAFNIUM', 'hafnium', CS | LEG, 'CN'),
  actor('G0128', 'zirconium-id', 0),
  actor('OilRig', 'oilrig', AMB, 'IR'),
  actor('OilRig', 'chrysene', AMB, 'IR'),
  actor('Sofacy', 'apt28-alt', AMB, 'RU'),
  actor('Sofacy', 'apt28', AMB, 'RU'),
  agency('NÚKIB', 'cz-nukib', 'CZ', CS, 'cyber-security'),
  agency('Ministry of State Security', 'cn-mss', 'CN'),
  agency('MSS', 'cn-mss', 'CN', CS | SHORT),
  agency('FSB', 'ru-fsb', 'RU', CS | SHORT),
  agency('Federal Security Service', 'ru-fsb', 'RU'),
  agency('NSA', 'us-nsa', 'US', CS | SHORT),
  agency('CISA', 'us-cisa', 'US', CS | SHORT, 'cyber-security'),
  agency('NIS', 'kr-nis', 'KR', CS | SHORT),
  agency('Ministry of Foreign Affairs', 'cz-mfa', 'CZ', 0, 'ministry'),
  agency('Ministry of Foreign Affairs', 'cn-mfa', 'CN', 0, 'ministry'),
  agency('Ministry of Foreign Affairs', 'fr-mfa', 'FR', 0, 'ministry'),
  agency('Ministerstvo zahraničních věcí', 'cz-mfa', 'CZ', 0, 'ministry'),
  agency('Military Intelligence', 'cz-vzs', 'CZ'),
  agency('Unit 74455', 'ru-gru-74455', 'RU', 0, 'military-unit'),
  actor('Unit 74455', 'sandworm', 0, 'RU'),
];

const matcher = createMatcher(rows);
const find = (text: string, pageEntities?: string[]) =>
  matcher.findMentions(text, pageEntities ? { pageEntities: new Set(pageEntities) } : undefined);
const spans = (text: string) => find(text).map((m) => [m.text, m.id]);

const CYBER = ' The espionage campaign used custom malware.';

describe('spelling variants fold to one name', () => {
  it.each([
    ['APT31 hacked them.', 'APT31'],
    ['APT 31 hacked them.', 'APT 31'],
    ['APT-31 hacked them.', 'APT-31'],
    ['APT\u201131 hacked them.', 'APT\u201131'],
    ["APT31's tools.", 'APT31'],
    ['APT31\u2019s tools.', 'APT31'],
    [`Experts saw volt typhoon hackers.${CYBER}`, 'volt typhoon'],
    ['Experts saw VOLT TYPHOON.', 'VOLT TYPHOON'],
    ['Experts saw VoltTyphoon.', 'VoltTyphoon'],
    ['Experts saw TEMP.Veles.', 'TEMP.Veles'],
    ['Experts saw TEMP Veles.', 'TEMP Veles'],
    ['Experts saw DEV-0391.', 'DEV-0391'],
    ['Experts saw DEV 0391.', 'DEV 0391'],
    ['Experts saw DEV0391.', 'DEV0391'],
    ['The NUKIB warned.', 'NUKIB'],
    ['The NÚKIB warned.', 'NÚKIB'],
    ['The NU\u0301KIB warned.', 'NU\u0301KIB'],
  ])('%s', (text, written) => {
    const [m] = find(text);
    expect(m?.text).toBe(written);
    expect(text.slice(m!.start, m!.end)).toBe(written);
  });
});

describe('boundaries and spans', () => {
  it.each([
    ['XAPT31 is a part number.', []],
    ['APT311 is a typo.', []],
    ['Turlasso is a band.', []],
    [
      'APT3 and APT31 differ.',
      [
        ['APT3', 'apt3'],
        ['APT31', 'apt31'],
      ],
    ],
    [
      'APT-31 is not APT3.',
      [
        ['APT-31', 'apt31'],
        ['APT3', 'apt3'],
      ],
    ],
    ['the APT31 group hit', [['APT31', 'apt31']]],
    ['the Lazarus Group hackers', [['Lazarus Group', 'lazarus-group']]],
    ['APT31\nJudgment\nPanda', [['APT31', 'apt31']]],
    [
      'Judgment Panda, alias APT31.',
      [
        ['Judgment Panda', 'apt31'],
        ['APT31', 'apt31'],
      ],
    ],
  ])('%s', (text, expected) => {
    expect(spans(text)).toEqual(expected);
  });

  it('never reports overlapping mentions', () => {
    const found = find('Fancy Bear Fancy Bear APT31 APT 3 1');
    for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
  });
});

describe('exact case for short names and all-caps codes; never bare ids', () => {
  it.each([
    ['apt3 is lower case.', []],
    ['Apt31 is mixed.', []],
    ['The mss is not a name.', []],
    ['Hafnium and zirconium are metals in minerals.', []],
    ['HAFNIUM exploited Exchange.', [['HAFNIUM', 'hafnium']]],
    ['Researchers said Hafnium hackers exploited Exchange.', [['Hafnium', 'hafnium']]],
    ['The ATT&CK entry G0128 lists techniques of the hacking group.', []],
  ])('%s', (text, expected) => {
    expect(spans(text)).toEqual(expected);
  });
});

describe('ordinary words need name form and context', () => {
  it.each([
    ['Nickel prices rose as cobalt mining slowed.', []],
    ['Nickel Prices Climb as Cobalt Supply Tightens Across Markets', []],
    ['Firms face a patchwork of rules.', []],
    ['Lazarus rose from the dead, and the crowd marvelled.', []],
    ['The Lazarus Foundation thanks its volunteers.', []],
    ['Teams found Cobalt Strike beacons on the hacked servers.', []],
    ['The snake slid under the hacked door.', []],
    ['Microsoft said Nickel hacked foreign ministries.', [['Nickel', 'apt15']]],
    ['Researchers call it Patchwork, a threat actor using malware.', [['Patchwork', 'patchwork']]],
    ['The Cobalt gang robbed banks with malware.', [['Cobalt', 'cobalt']]],
    ['Experts tied the Lazarus hackers to the heist.', [['Lazarus', 'lazarus-group']]],
  ])('%s', (text, expected) => {
    expect(spans(text)).toEqual(expected);
  });

  it('accepts an ordinary word when the page already names the same actor', () => {
    expect(spans('Turla was blamed. Snake, its tool, hid well.')).toEqual([
      ['Turla', 'turla'],
      ['Snake', 'turla'],
    ]);
    expect(find('Snake returned this spring.', ['turla']).map((m) => m.id)).toEqual(['turla']);
    expect(find('Snake returned this spring.')).toEqual([]);
  });
});

describe('ambiguous names carry every candidate, ranked by page context', () => {
  it('lists both when nothing decides', () => {
    const [m] = find('OilRig struck again.');
    expect(m?.candidates?.sort()).toEqual(['chrysene', 'oilrig']);
    expect(m!.confidence).toBeLessThan(1);
  });
  it('prefers the candidate the page names elsewhere', () => {
    const m = find('Fancy Bear is back. Sofacy struck again.').find((x) => x.text === 'Sofacy');
    expect(m?.id).toBe('apt28');
    expect(m?.candidates).toEqual(['apt28', 'apt28-alt']);
  });
  it('names the agency when an actor shares an agency name', () => {
    expect(spans('The GRU unit Unit 74455 hacked the grid.')).toEqual([['Unit 74455', 'ru-gru-74455']]);
  });
});

describe('agency abbreviations need agency context', () => {
  it.each([
    [
      'The Financial Stability Board (FSB) said banks need more capital. The FSB report asked for liquidity rules.',
      [],
    ],
    ["The president's NSA met his counterpart; the NSA adviser role changed hands.", []],
    [
      'The Cybersecurity Information Sharing Act (CISA) lets firms share data. Critics of CISA said the law hurt privacy.',
      [],
    ],
    ['States had to transpose the NIS directive covering cyber incidents.', []],
    ["Russia's FSB ran the espionage operation, officials said.", [['FSB', 'ru-fsb']]],
    [
      'The NSA and CISA issued an advisory about the hacking campaign.',
      [
        ['NSA', 'us-nsa'],
        ['CISA', 'us-cisa'],
      ],
    ],
    [
      'The Federal Security Service (FSB) arrested hackers.',
      [
        ['Federal Security Service', 'ru-fsb'],
        ['FSB', 'ru-fsb'],
      ],
    ],
    [
      "China's Ministry of State Security runs the MSS hackers.",
      [
        ['Ministry of State Security', 'cn-mss'],
        ['MSS', 'cn-mss'],
      ],
    ],
    ['federal security service officers', []],
  ])('%s', (text, expected) => {
    expect(spans(text)).toEqual(expected);
  });

  it('matches full and native-language names in any case', () => {
    expect(spans('the MINISTRY OF STATE SECURITY said')).toEqual([['MINISTRY OF STATE SECURITY', 'cn-mss']]);
    expect(spans('Ministerstvo zahraničních věcí oznámilo')).toEqual([
      ['Ministerstvo zahraničních věcí', 'cz-mfa'],
    ]);
    expect(spans('Ministerstvo zahranicnich veci oznamilo')).toEqual([
      ['Ministerstvo zahranicnich veci', 'cz-mfa'],
    ]);
  });

  it('does not take a lowercase description for an agency name', () => {
    expect(spans('an officer of the Russian military intelligence service')).toEqual([]);
  });
});

describe('generic ministries resolve to a country from the text', () => {
  it.each([
    ['The Czech Ministry of Foreign Affairs said the network was breached.', 'cz-mfa', 'CZ'],
    ["China's Ministry of Foreign Affairs rejected the claim.", 'cn-mfa', 'CN'],
    [
      'Officials in Prague said the Ministry of Foreign Affairs was hit by hackers last year.',
      'cz-mfa',
      'CZ',
    ],
    ['The Ministry of Foreign Affairs of France summoned the ambassador.', 'fr-mfa', 'FR'],
  ])('%s', (text, id, country) => {
    const [m] = find(text);
    expect(m?.id).toBe(id);
    expect(m?.country).toBe(country);
  });

  it('reports a ministry without a country when the text does not say', () => {
    const [m] = find('The Ministry of Foreign Affairs said it would respond.');
    expect(m?.id).toBe('mfa');
    expect(m?.country).toBeUndefined();
    expect(m?.candidates?.sort()).toEqual(['cn-mfa', 'cz-mfa', 'fr-mfa']);
  });
});

describe('mention fields', () => {
  it('reports offsets into the original text, kind, canonical name and country', () => {
    const text = 'Ahoj – NÚKIB varuje před APT 31.';
    const found = find(text);
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual(['NÚKIB', 'APT 31']);
    expect(found[1]).toMatchObject({
      kind: 'actor',
      id: 'apt31',
      name: 'APT31',
      country: 'CN',
      confidence: 1,
    });
    expect(found[0]).toMatchObject({ kind: 'agency', id: 'cz-nukib', country: 'CZ' });
  });
});

describe('an ordinary word that is a proper name elsewhere gains nothing from sentence position', () => {
  const { properName: PROPER } = NameFlag;
  const m = createMatcher([
    actor('Turla', 'turla', ORD | PROPER, 'RU'),
    actor('Nickel', 'apt15', ORD, 'CN'),
    actor('OilRig', 'oilrig', 0, 'IR'),
  ]);
  const ids = (text: string) => m.findMentions(text).map((x) => x.id);
  it.each([
    ['Turla quietly took over servers of OilRig and used them.', ['turla', 'oilrig']],
    ['Turla used new malware this year.', ['turla']],
    ['Turla flows into the Dniester.', []],
    ['The Turla flows into the Dniester.', []],
    // A common word's capital at a sentence start is grammar, but a metal does not use malware: the
    // sentence's shape (subject of a verb of intrusion work beside a word of the field) speaks of an actor.
    ['Nickel used new malware this year.', ['apt15']],
    ['Nickel is used in many tools.', []],
    ['Nickel prices used to rise with demand for batteries.', []],
    ['Nickel used new malware in an espionage campaign.', ['apt15']],
  ])('%s', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });
});

describe('a shared abbreviation with no country cue means the KB-declared primary', () => {
  const { primary: PRIMARY } = NameFlag;
  const m = createMatcher([
    agency('NCSC', 'ch-ncsc', 'CH', CS | SHORT | AMB, 'cyber-security'),
    agency('NCSC', 'gb-ncsc', 'GB', CS | SHORT | AMB | PRIMARY, 'cyber-security'),
    agency('NCSC', 'nz-ncsc', 'NZ', CS | SHORT | AMB, 'cyber-security'),
  ]);
  const first = (text: string) => m.findMentions(text)[0];
  it('picks the primary, keeps every candidate and stays unsure', () => {
    const x = first('The Iranian group was exposed by the NCSC in an advisory about hacking.');
    expect(x?.id).toBe('gb-ncsc');
    expect(x?.candidates).toEqual(['gb-ncsc', 'ch-ncsc', 'nz-ncsc']);
    expect(x!.confidence).toBeLessThan(0.7);
  });
  it.each([
    ["New Zealand's NCSC published an advisory on the hacking campaign.", 'nz-ncsc'],
    ['Swiss officials said the NCSC saw the hacking campaign.', 'ch-ncsc'],
  ])('a country in the text still wins: %s', (text, id) => {
    expect(first(text)?.id).toBe(id);
  });
});
