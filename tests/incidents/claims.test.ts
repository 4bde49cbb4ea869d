import { describe, expect, it } from 'vitest';
import { type FoundClaim, findClaims } from '../../lib/incidents/claims';
import { findMentions } from '../../lib/match/find-mentions';

const claims = (text: string, context = '') => findClaims(text, (t) => findMentions(t), context);
/** A claim in one line: "kind: claimant + claimant → accused (→ sponsor) [words]". */
const line = (c: FoundClaim) =>
  `${c.kind}: ${c.claimants.map((x) => x.name).join(' + ')} → ${c.accusedId ?? c.accusedName}${
    c.sponsorId ? ` → ${c.sponsorId}` : ''
  }${c.confidence ? ` [${c.confidence}]` : ''}`;
const lines = (text: string, context = '') => claims(text, context).map(line);
/** Who the passage's leading claim names. */
const claimant = (text: string) =>
  claims(text)[0]
    ?.claimants.map((c) => c.name)
    .join(' + ') ?? '';

describe('who makes the claim, never who is accused, in both voices', () => {
  it.each([
    // X said … (active), and the same claim reported in the passive.
    [
      'The Dutch intelligence service said the intrusion was the work of Sandworm.',
      'Dutch intelligence service',
    ],
    ['Sandworm was named by the Dutch intelligence service as the intruder.', 'Dutch intelligence service'],
    // X blamed Y / Y was blamed by X.
    ['The Czech government has publicly blamed APT31 for the breach.', 'Czech government'],
    ['APT31 was publicly blamed by the Czech government for the breach.', 'Czech government'],
    // X attributed … to Y / Y was attributed … by X.
    ['Microsoft attributed the password-spray campaign to Midnight Blizzard.', 'Microsoft'],
    ['The password-spray campaign was attributed to Midnight Blizzard by Microsoft.', 'Microsoft'],
    // X linked Y to Z / Y was linked to Z by X.
    ['The Czech government linked the attack to APT31.', 'Czech government'],
    ['The attack was linked to APT31 by the Czech government.', 'Czech government'],
    // According to X, at either end.
    [
      'According to the Federal Bureau of Investigation, Lazarus Group stole the funds.',
      'Federal Bureau of Investigation',
    ],
    [
      'Lazarus Group stole the funds, according to the Federal Bureau of Investigation.',
      'Federal Bureau of Investigation',
    ],
    [
      'According to British authorities, APT31 targeted the Electoral Commission in 2021.',
      'British authorities',
    ],
    // X assessed with <confidence> that … / Y was assessed by X.
    [
      'The UK’s National Cyber Security Centre assessed with high confidence that APT28 was responsible.',
      'UK’s National Cyber Security Centre',
    ],
    [
      'APT28 was assessed by the UK’s National Cyber Security Centre to be responsible.',
      'UK’s National Cyber Security Centre',
    ],
    // A trailing "…, X said", a date between subject and verb, an agency's director with the name first.
    ['APT31 was behind the intrusion, the foreign minister said.', 'foreign minister'],
    ['NÚKIB on Monday concluded that APT31 had stolen the correspondence.', 'NÚKIB'],
    [
      'Lukáš Kintr, the director of NÚKIB, said APT31 had stolen internal correspondence.',
      'director of NÚKIB',
    ],
    ['NÚKIB’s director said on Wednesday that APT31 was behind the breach.', 'NÚKIB’s director'],
    // A second verb of the same subject, and a possessive the name stops at.
    ['NÚKIB claims the group works for China and identifies APT31 as the intruder.', 'NÚKIB'],
    ['According to Mandiant’s report, APT28 reused the implant.', 'Mandiant'],
    // Sanctions, with several claimants in either voice.
    [
      'A front company of APT31 was sanctioned by the United States and United Kingdom in March 2024.',
      'United States + United Kingdom',
    ],
    [
      'In March 2024 the United States and the United Kingdom sanctioned a front company of APT31.',
      'United States + United Kingdom',
    ],
    [
      'The FBI and the Cybersecurity and Infrastructure Security Agency attributed the intrusions to Volt Typhoon.',
      'FBI + Cybersecurity and Infrastructure Security Agency',
    ],
  ])('%s → %s', (sentence, who) => {
    expect(claimant(sentence)).toBe(who);
  });

  it.each([
    // The passive without "by" names no claimant: never the accused, never the sponsor.
    'APT31 was linked to China’s Ministry of State Security.',
    'The group is attributed to China’s Ministry of State Security.',
    // "By" after "perpetrated" names the doer.
    'The breach was perpetrated by APT31 over two years.',
    // A pronoun with nobody named before it is not a name.
    'It blamed APT31 for the breach.',
    // A group "tied to" a state is not a claim by anyone.
    'APT31 is a group tied to China.',
    'Chinese hackers linked to APT31 stole the files.',
    // A contracted pronoun, and a participle after a comma, are not claimants.
    'We’ve found that APT31 kept operating in 2024.',
    'The name APT28 comes from the word "Sofacy," found in early samples.',
    // Verb forms that are nouns here.
    'Financial ties to North Korea link Lazarus Group to the thefts.',
    'Following U.S. sanctions and an indictment, Indrik Spider changed its tools.',
    'APT28 sent emails with rogue OneDrive links.',
    'Zhou Shuai and Yin Kecheng, alleged members of APT27, were not arrested.',
    // A second verb whose subject no claim named.
    'APT28 has been linked to the GRU and has claimed to support the army.',
  ])('finds no claim in "%s"', (sentence) => {
    expect(claims(sentence)).toEqual([]);
  });
});

describe('claims of a passage', () => {
  const prague =
    "All three of Prague's intelligence agencies and its cybersecurity agency assessed with 'a high degree of certainty' that the cyber-espionage activity was perpetrated by APT31, which has been linked by Western governments to China's Ministry of State Security.";

  it('reads the incident claim (Prague’s agencies) apart from the earlier sponsor link (Western governments)', () => {
    expect(lines(prague)).toEqual([
      "incident: Prague's intelligence agencies and its cybersecurity agency → apt31 [a high degree of certainty]",
      'sponsor-link: Western governments → apt31 → cn-mss',
    ]);
    expect(claims(prague)[0]!.claimants[0]).toMatchObject({ country: 'CZ' });
  });

  it('reads the same two claims told the other way round', () => {
    const other =
      'Western governments have linked APT31 to China’s Ministry of State Security. APT31 was behind the breach, Czech intelligence agencies assessed with a high degree of certainty.';
    expect(lines(other)).toEqual([
      'incident: Czech intelligence agencies → apt31 [a high degree of certainty]',
      'sponsor-link: Western governments → apt31 → cn-mss',
    ]);
  });

  it('gives a pronoun’s claim to whoever was named before it', () => {
    const lede = `The Czech government has publicly blamed APT31, a hacking group it links to
        China's Ministry of State Security, for a campaign against an unclassified network of the Czech Ministry of Foreign Affairs. Officials
        said the intrusion had gone on since at least 2022 and that the government's finding was made with a
        high degree of certainty.`;
    expect(lines(lede)).toEqual([
      'incident: Czech government → apt31 [a high degree of certainty]',
      'sponsor-link: Czech government → apt31 → cn-mss',
    ]);
  });

  it('names every claimant of a sanction, each recognised as its country', () => {
    const [c] = claims('A front company of APT31 was sanctioned by the United States and United Kingdom.');
    expect(c).toMatchObject({
      kind: 'sanction',
      accusedId: 'apt31',
      claimants: [
        { name: 'United States', country: 'US' },
        { name: 'United Kingdom', country: 'GB' },
      ],
    });
  });

  it('gives a "by" to the verb it follows, not to an earlier one', () => {
    expect(lines('APT33 has been linked to Iran and has been sanctioned by the US Treasury.')).toEqual([
      'sanction: US Treasury → apt33',
    ]);
  });

  it('resolves an agency claimant to its KB id', () => {
    expect(claims('Lukáš Kintr, the director of NÚKIB, said APT31 stole the files.')[0]!.claimants).toEqual([
      { name: 'director of NÚKIB', agencyId: 'cz-nukib', country: 'CZ' },
    ]);
  });

  it('reads a short selection with the sentence it starts in', () => {
    const before =
      "The ministry's network was breached. All three of Prague's intelligence agencies and its cybersecurity agency assessed with 'a high degree of certainty' that";
    const passage =
      'the cyber-espionage activity was perpetrated by APT31, which has been linked by Western governments to China’s Ministry of State Security';
    const found = claims(passage, before);
    expect(found.map(line)).toEqual([
      "incident: Prague's intelligence agencies and its cybersecurity agency → apt31 [a high degree of certainty]",
      'sponsor-link: Western governments → apt31 → cn-mss',
    ]);
    expect(found[0]!.fromContext).toBe(true);
  });

  it('keeps a whole sentence’s own claim rather than one from before it', () => {
    const before = 'NÚKIB said the attackers had stolen internal correspondence.';
    expect(
      lines('A front company of APT31 was sanctioned by the United States and United Kingdom.', before),
    ).toEqual(['sanction: United States + United Kingdom → apt31']);
  });

  it('reads a sentence without a claim with the claim just before it', () => {
    const before = 'Microsoft said on Friday that Midnight Blizzard read executives’ email.';
    expect(lines('Midnight Blizzard stole source code as well.', before)).toEqual([
      'incident: Microsoft → apt29',
    ]);
  });
});
