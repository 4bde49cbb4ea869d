import { describe, expect, it } from 'vitest';
import { findMentions } from '../../lib/match/find-mentions';

describe('acronyms the page defines elsewhere', () => {
  const part = 'Officers of the NSS said the hacking campaign against the ministry had ended.';

  it('finds the agency where nothing on the page says otherwise', () => {
    expect(findMentions(part, { topical: true }).map((m) => m.id)).toContain('am-nss');
  });

  it('leaves it out of a part of a page that spells it out as something else further on', () => {
    // The scanner reads a page in slices and hands each the definitions of the whole page.
    const definitions = new Map([['NSS', 'Network Security Services']]);
    expect(findMentions(part, { topical: true, definitions }).map((m) => m.id)).not.toContain('am-nss');
  });
});
