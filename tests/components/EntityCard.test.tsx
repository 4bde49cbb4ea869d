// @vitest-environment happy-dom
import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { EntityCard } from '../../components/card/EntityCard';
import type { Actor } from '../../lib/kb/types';

const actor: Actor = {
  id: 'apt31',
  name: 'APT31',
  aliases: [
    { name: 'APT31', source: 'Mandiant' },
    { name: 'Judgment Panda', source: 'CrowdStrike' },
    { name: 'ZIRCONIUM', source: 'Microsoft', legacy: true },
    { name: '<img src=x onerror=alert(1)>' },
  ],
  country: 'CN',
  sponsor: {
    country: 'CN',
    agencyId: 'cn-mss',
    confidence: 'high',
    attributedBy: ['Czech Republic'],
    refs: [],
  },
  attackId: 'G0128',
  refs: [],
  related: [],
};

describe('EntityCard', () => {
  it('shows the actor, aliases by vendor, sponsor and ATT&CK link', () => {
    render(
      <EntityCard
        data={{ kind: 'actor', entity: actor, names: { 'cn-mss': 'Ministry of State Security' } }}
        seenAs="Judgment Panda"
      />,
    );
    expect(screen.getByRole('heading', { name: 'APT31' })).toBeTruthy();
    expect(screen.getByText('CrowdStrike:')).toBeTruthy();
    expect(screen.getByText(/Ministry of State Security \(China\) — high confidence/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'G0128' }).getAttribute('href')).toBe(
      'https://attack.mitre.org/groups/G0128/',
    );
    expect(screen.getByText(/former/)).toBeTruthy();
    // Data is text, never markup.
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
  });

  it('names the other candidates of an ambiguous name, other spellings on the page, and related actors', () => {
    render(
      <EntityCard
        data={{
          kind: 'actor',
          entity: { ...actor, related: [{ id: 'apt40', kind: 'overlaps' }] },
          names: { 'cn-mss': 'Ministry of State Security', apt40: 'APT40' },
        }}
        seenAs="ZIRCONIUM"
        candidates={[{ id: 'x', name: 'Other Group', country: 'RU' }]}
        alsoOnPage={['Judgment Panda', 'RedBravo']}
      />,
    );
    expect(screen.getByRole('note').textContent).toBe(
      '“ZIRCONIUM” is ambiguous: it could also mean Other Group (Russia).',
    );
    expect(screen.getByText('Also called Judgment Panda, RedBravo on this page.')).toBeTruthy();
    expect(screen.getByText('APT40 (overlaps)')).toBeTruthy();
  });

  it('says it is loading before the data arrives', () => {
    render(<EntityCard data={null} />);
    expect(screen.getByText('Loading…')).toBeTruthy();
  });
});
