import { describe, expect, it } from 'vitest';
import { kbFacts, pointsAt } from '../../lib/insights/pointing';
import { loadKb } from '../../lib/kb/index';

describe('kbFacts', () => {
  const facts = kbFacts(loadKb());

  it('gives an actor its sponsor’s state and agency', () => {
    expect(facts('apt31')).toEqual({ kind: 'actor', country: 'CN', agency: 'cn-mss' });
  });

  it('gives an agency that sponsors actors itself, and one that does not nothing to point at', () => {
    expect(facts('cn-mss')).toEqual({ kind: 'agency', country: 'CN', agency: 'cn-mss' });
    expect(facts('cz-nukib')).toEqual({ kind: 'agency' });
  });

  it('knows nothing of unknown ids', () => {
    expect(facts('ours-nobody')).toBeUndefined();
  });

  it('names each state and agency once for a set of ids', () => {
    expect(pointsAt(['apt31', 'cn-mss', 'cz-nukib', 'ours-nobody'], facts)).toEqual({
      countries: ['CN'],
      agencies: ['cn-mss'],
    });
  });
});
