import { describe, expect, it } from 'vitest';
import { loadKb } from '../../lib/kb/index';
import { kbFacts, pointsAt, withOverlayFacts } from '../../lib/overlay/sponsor-facts';

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

describe('withOverlayFacts', () => {
  const at = '2026-12-01T00:00:00.000Z';
  const base = { aliases: [], notes: '', links: [], createdAt: at, updatedAt: at };
  const overlay = {
    entities: [
      {
        ...base,
        id: 'ours-acme-7',
        kind: 'actor' as const,
        name: 'UNC-ACME-7',
        country: 'IR',
        sponsor: 'cn-mss',
      },
      { ...base, id: 'ours-bureau', kind: 'agency' as const, name: 'Bureau 9', country: 'KP' },
      { ...base, id: 'ours-kettle', kind: 'actor' as const, name: 'Rusty Kettle', sponsor: 'ours-bureau' },
      { ...base, id: 'ours-lone', kind: 'actor' as const, name: 'Lone Crew', country: 'RU' },
      { ...base, id: 'ours-office', kind: 'agency' as const, name: 'Quiet Office' },
    ],
    extensions: [],
  };
  const bundled = kbFacts(loadKb());
  const countryOf = (id: string) => loadKb().agencies.find((g) => g.id === id)?.country;
  const facts = withOverlayFacts(overlay, bundled, countryOf);

  it("points an own actor at its sponsor's state and agency, else at its own country", () => {
    expect(facts('ours-acme-7')).toEqual({ kind: 'actor', country: 'CN', agency: 'cn-mss' });
    expect(facts('ours-kettle')).toEqual({ kind: 'actor', country: 'KP', agency: 'ours-bureau' });
    expect(facts('ours-lone')).toEqual({ kind: 'actor', country: 'RU' });
  });

  it('counts an own agency as a sponsor only when it sponsors an actor, and keeps bundled facts', () => {
    expect(facts('ours-bureau')).toEqual({ kind: 'agency', country: 'KP', agency: 'ours-bureau' });
    expect(facts('ours-office')).toEqual({ kind: 'agency' });
    expect(facts('cn-mss')).toEqual(bundled('cn-mss'));
    expect(facts('apt31')).toEqual(bundled('apt31'));
    expect(facts('ours-unknown')).toBeUndefined();
  });
});
