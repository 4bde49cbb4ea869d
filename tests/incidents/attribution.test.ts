import { describe, expect, it } from 'vitest';
import { claimantOf, findAttribution } from '../../lib/incidents/attribution';

describe('claimantOf: who makes the claim, never who is accused', () => {
  it.each([
    // X said … (active), and the same claim reported in the passive.
    [
      'The Dutch intelligence service said the intrusion was the work of Sandworm.',
      'Dutch intelligence service',
    ],
    ['Sandworm was named by the Dutch intelligence service as the intruder.', 'Dutch intelligence service'],
    // X accused Y / Y was accused by X.
    ['Britain formally accused Russia’s GRU of the attack on the chemical watchdog.', 'Britain'],
    ['Russia’s GRU was accused by Britain of the attack on the chemical watchdog.', 'Britain'],
    // X blamed Y / Y was blamed by X.
    ['The Czech government has publicly blamed APT31 for the breach.', 'Czech government'],
    ['APT31 was publicly blamed by the Czech government for the breach.', 'Czech government'],
    // X attributed … to Y / Y was attributed … by X.
    ['Microsoft attributed the password-spray campaign to Midnight Blizzard.', 'Microsoft'],
    ['The password-spray campaign was attributed to Midnight Blizzard by Microsoft.', 'Microsoft'],
    // X linked Y to Z / Y was linked to Z by X.
    ['The Czech government linked the attack to APT31.', 'Czech government'],
    ['The attack was linked to APT31 by the Czech government.', 'Czech government'],
    // According to X.
    [
      'According to the Federal Bureau of Investigation, Lazarus Group stole the funds.',
      'Federal Bureau of Investigation',
    ],
    [
      'Lazarus Group stole the funds, according to the Federal Bureau of Investigation.',
      'Federal Bureau of Investigation',
    ],
    // X assessed with <confidence> that … (active), and "it was assessed by X".
    [
      'The UK’s National Cyber Security Centre assessed with high confidence that APT28 was responsible.',
      'UK’s National Cyber Security Centre',
    ],
    [
      'APT28 was assessed by the UK’s National Cyber Security Centre to be responsible.',
      'UK’s National Cyber Security Centre',
    ],
    // A trailing "…, X said", and a date between subject and verb.
    ['APT31 was behind the intrusion, the foreign minister said.', 'foreign minister'],
    ['NÚKIB on Monday concluded that APT31 had stolen the correspondence.', 'NÚKIB'],
  ])('%s → %s', (sentence, claimant) => {
    expect(claimantOf(sentence)).toBe(claimant);
  });

  it.each([
    // The passive without "by" names no claimant: never the accused, never the sponsor.
    'APT31 was linked to China’s Ministry of State Security.',
    'The group is attributed to China’s Ministry of State Security.',
    // A pronoun is not a name.
    'It blamed APT31 for the breach.',
    // No attribution verb at all.
    'APT31 is a group tied to China.',
  ])('finds no claimant in "%s"', (sentence) => {
    expect(claimantOf(sentence)).toBe('');
  });
});

describe('findAttribution', () => {
  it('reads the demo story’s claimant as the Czech government, with the confidence from a later sentence', () => {
    const lede = `The Czech government has publicly blamed APT31, a hacking group it links to
        China's Ministry of State Security, for a campaign against an unclassified network of the Czech Ministry of Foreign Affairs. Officials
        said the intrusion had gone on since at least 2022 and that the government's finding was made with a
        high degree of certainty.`;
    expect(findAttribution(lede)).toMatchObject({
      claimant: 'Czech government',
      confidence: 'a high degree of certainty',
    });
    expect(findAttribution(lede)?.sentence).toMatch(
      /^The Czech government has publicly blamed APT31, .* Affairs\.$/,
    );
  });

  it('leaves the claimant empty rather than naming the accused', () => {
    const r = findAttribution(
      'APT31 was behind the campaign, and the group is linked to China’s Ministry of State Security.',
    );
    expect(r).toMatchObject({ claimant: '' });
  });

  it('prefers a later sentence that names its claimant', () => {
    const r = findAttribution('APT31 was behind the campaign. NÚKIB attributed the theft to the same group.');
    expect(r).toMatchObject({ claimant: 'NÚKIB', sentence: 'NÚKIB attributed the theft to the same group.' });
  });
});
