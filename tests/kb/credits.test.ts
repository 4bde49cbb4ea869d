import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KbManifest, KnowledgeBase } from '../../lib/kb/types';
import { creditsFromAttack, vendorFromRefs } from '../../scripts/kb/credits';
import { aliasProblem } from '../../scripts/kb/hygiene';
import { vendorByScheme } from '../../scripts/kb/vendors';
import { group } from './fixtures';

const scheme = (name: string) => vendorByScheme(name)?.source;

describe('naming schemes', () => {
  it.each([
    ['Violet Typhoon', 'Microsoft'],
    ['Storm-0558', 'Microsoft'],
    ['Dev-0391', 'Microsoft'],
    ['ZIRCONIUM', 'Microsoft'],
    ['Judgment Panda', 'CrowdStrike'],
    ['Velvet Chollima', 'CrowdStrike'],
    ['BRONZE VINEWOOD', 'Secureworks'],
    ['Threat Group-4127', 'Secureworks'],
    ['TA412', 'Proofpoint'],
    ['TA-473', 'Proofpoint'],
    ['UNK_SweetSpecter', 'Proofpoint'],
    ['APT31', 'Mandiant'],
    ['UNC2452', 'Mandiant'],
    ['Temp.Pittytiger', 'Mandiant'],
    ['RedBravo', 'Recorded Future'],
    ['Red Foxtrot', 'Recorded Future'],
    ['TAG-22', 'Recorded Future'],
    ['Fighting Ursa', 'Palo Alto Networks'],
    ['TGR-STA-0043', 'Palo Alto Networks'],
    ['Earth Lusca', 'Trend Micro'],
    ['APT-C-39', 'Qihoo 360'],
    ['APT-Q-95', 'QiAnXin'],
    ['ATK35', 'Thales'],
    ['ITG05', 'IBM X-Force'],
    ['HIVE0154', 'IBM X-Force'],
    ['T-APT-12', 'Tencent'],
    ['SectorJ04', 'NSHC'],
    ['UAT-5394', 'Cisco Talos'],
    ['UTA0178', 'Volexity'],
    ['REF7707', 'Elastic'],
    ['STAC5777', 'Sophos'],
    ['Larva-24005', 'AhnLab'],
    ['Scarred Manticore', 'Check Point'],
    ['Red Apollo', 'PwC'],
    ['Red Dev 4', 'PwC'],
    ['ELECTRUM', 'Dragos'],
    ['Voltzite', 'Dragos'],
    ['Sticky Werewolf', 'BI.ZONE'],
    ['Angry Likho', 'Kaspersky'],
    ['SIG22', 'NSA (Territorial Dispute)'],
    ['Seedworm', 'Symantec'],
    ['Greenbug', 'Symantec'],
    ['Blackfly', 'Symantec'],
  ])('credits %s to %s', (name, vendor) => {
    expect(scheme(name)).toBe(vendor);
  });

  it.each([
    // A lookalike of a scheme stays uncredited rather than guessed.
    'Cobalt Group', // a word, not Secureworks' capitals + second word
    'Lazarus Group',
    'Blue Mockingbird', // Red Canary, not a PwC colour name
    'Black Shadow', // a hacktivist persona
    'Red Wolf', // not a CrowdStrike animal: Wolf is not in its published list
    'Void Rabisu', // Trend Micro and Check Point both use Void
    'TG2003', // Sygnia's id, not Secureworks' TG-NNNN
    'Storm Cloud', // a word, not Storm-NNNN
    'Earthquake', // not Trend Micro's "Earth X"
    'APT', // no number
    'UNC', // no number
    'Cobalt', // an element in mixed case is a word, not Microsoft's capitals
    'TA4', // too short for a Proofpoint TA number
    'Typhoon', // a family with no first word
    'Sandworm', // iSIGHT's name, not a Symantec insect
    'Bookworm', // a malware family
  ])('leaves %s uncredited', (name) => {
    expect(scheme(name)).toBeUndefined();
  });
});

describe('credit from ATT&CK citations and report addresses', () => {
  it('credits the vendor whose cited report is titled with the alias, or the sole cited report', () => {
    const g = group('G0001', 'Alpha', ['Springtail', 'Group 74', 'Black Banshee']);
    g.external_references.push(
      { source_name: 'Springtail', description: '(Citation: Sym 2024)(Citation: Zd 2018)' },
      { source_name: 'Group 74', description: '(Citation: Talos 2017)' },
      { source_name: 'Black Banshee', description: '(Citation: Zd 2018)(Citation: Talos 2017)' },
      {
        source_name: 'Sym 2024',
        description: 'Symantec. (2024). Springtail: New Linux Backdoor.',
        url: 'https://www.security.com/threat-intelligence/springtail',
      },
      { source_name: 'Zd 2018', description: 'News. (2018). A story.', url: 'https://www.zdnet.com/x' },
      {
        source_name: 'Talos 2017',
        description: 'Talos. (2017). Decoy document.',
        url: 'https://blog.talosintelligence.com/2017/10/x.html',
      },
    );
    const credits = creditsFromAttack([g]).get('G0001')!;
    expect(credits.get('springtail')).toBe('Symantec');
    expect(credits.get('group 74')).toBe('Cisco Talos');
    // Two reports, neither titled with the name: nobody is credited.
    expect(credits.get('black banshee')).toBeUndefined();
  });

  it('credits a vendor whose report address names the alias, and only one vendor', () => {
    expect(
      vendorFromRefs('Cobalt Gypsy', ['https://www.secureworks.com/research/threat-profiles/cobalt-gypsy']),
    ).toBe('Secureworks');
    expect(vendorFromRefs('Cobalt Gypsy', ['https://example.org/cobalt-gypsy'])).toBeUndefined();
    expect(
      vendorFromRefs('Winnti', [
        'https://securelist.com/winnti-more-than-just-a-game/37029/',
        'https://www.welivesecurity.com/2019/winnti-group/',
      ]),
    ).toBeUndefined();
  });
});

describe('alias hygiene', () => {
  it.each([
    ['Turla, Waterbug, Venomous Bear', 'several names in one row'],
    ['[Unnamed group]', 'a placeholder, not a name'],
    ['APT37（Reaper）', 'a name with a gloss in full-width brackets'],
    ['Hive0081 (IBM)', 'a name with a note in brackets'],
    ['xHunt campaign', 'a campaign, not a group'],
    ['APT-Q-27,', 'several names in one row'],
    ['Larva\u201125012', 'a typographic hyphen'],
  ])('rejects %s', (name, why) => {
    expect(aliasProblem(name)).toBe(why);
  });

  it.each(['Lapsus$', 'Keymous+', 'NoName057(16)', 'admin@338', 'Cyber.Anarchy.Squad', 'APT 33'])(
    'accepts %s',
    (name) => {
      expect(aliasProblem(name)).toBeUndefined();
    },
  );
});

const kbFile = join(import.meta.dirname, '..', '..', 'data', 'kb', 'kb.json');
const listFile = join(import.meta.dirname, 'uncredited-aliases.txt');
const manifestFile = join(import.meta.dirname, '..', '..', 'data', 'kb', 'manifest.json');

describe.skipIf(!existsSync(kbFile))('the compiled KB', () => {
  const kb = JSON.parse(readFileSync(kbFile, 'utf8')) as KnowledgeBase;

  it('has no alias row that fails the hygiene checks', () => {
    const bad = kb.actors.flatMap((a) =>
      a.aliases.filter((al) => aliasProblem(al.name)).map((al) => `${a.id}: ${al.name}`),
    );
    expect(bad).toEqual([]);
  });

  it('leaves uncredited only the aliases listed in uncredited-aliases.txt (the list may only shrink)', () => {
    const listed = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
    const now = kb.actors.flatMap((a) =>
      a.aliases.filter((al) => !al.source).map((al) => `${a.id}\t${al.name}`),
    );
    const added = now.filter((x) => !listed.includes(x));
    const gone = listed.filter((x) => !now.includes(x));
    expect(added, 'newly uncredited: credit them (data/credits.json) or fix the rule').toEqual([]);
    expect(gone, 'now credited: remove these lines from uncredited-aliases.txt').toEqual([]);
  });

  it('credits at least 80% of all aliases and 90% of the names ATT&CK lists for its groups', () => {
    const { counts } = JSON.parse(readFileSync(manifestFile, 'utf8')) as KbManifest;
    expect(counts.aliasesWithVendor! / counts.aliases!).toBeGreaterThanOrEqual(0.8);
    expect(counts.attackListedAliasesWithVendor! / counts.attackListedAliases!).toBeGreaterThanOrEqual(0.9);
    expect(counts.attackAliasesWithVendor! / counts.attackAliases!).toBeGreaterThanOrEqual(0.85);
  });
});
