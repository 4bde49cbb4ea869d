import { describe, expect, it } from 'vitest';
import { findMentions } from '../../lib/match/find-mentions';
import { spacedForm } from '../../scripts/kb/spacing';

describe('spaced forms of joined names', () => {
  it('spaces a joined phrase that opens with "The" or ends with a word for a group', () => {
    expect(spacedForm('TheDarkOverlord')).toBe('The Dark Overlord');
    expect(spacedForm('SyrianElectronicArmy')).toBe('Syrian Electronic Army');
    expect(spacedForm('FallagaTeam')).toBe('Fallaga Team');
  });

  it('leaves coined camel-case names, codes and names with capitals inside a word alone', () => {
    for (const name of [
      'MuddyWater',
      'DoNot',
      'LongNosedGoblin',
      'ITsecTeam',
      'DarkRaaS',
      'APT31',
      'Cyber Av3ngers',
    ])
      expect(spacedForm(name), name).toBeUndefined();
  });

  it('finds a group the KB keeps joined where the text spaces it', () => {
    const text = 'The Dark Overlord hacking group stole patient records and demanded a ransom.';
    expect(findMentions(text).map((m) => [m.text, m.id])).toContainEqual([
      'The Dark Overlord',
      'thedarkoverlord',
    ]);
  });
});
