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
    events: [
      {
        by: 'Czech Republic',
        kind: 'government',
        agencies: ['Ministry of Foreign Affairs'],
        date: '2025-05-28',
        how: 'official statement',
        country: 'CN',
        agencyId: 'cn-mss',
        refs: ['https://mzv.gov.cz/jnp/en/issues_and_press/press_releases/'],
        refIsIndex: true,
      },
      {
        by: 'European Union',
        kind: 'international',
        date: '2025-05-28',
        how: 'declaration',
        country: 'CN',
        refs: ['https://www.consilium.europa.eu/en/press/press-releases/'],
      },
      {
        by: 'United States',
        kind: 'government',
        agencies: ['DoJ', 'Treasury'],
        date: '2024-03-25',
        how: 'indictment and sanctions',
        country: 'CN',
        agencyId: 'cn-mss',
        refs: ['https://www.justice.gov/opa/pr/x'],
      },
      {
        by: 'United Kingdom',
        kind: 'government',
        date: '2024-03-25',
        how: 'official statement',
        country: 'CN',
        agencyId: 'cn-mss',
        refs: ['https://www.gov.uk/x'],
      },
      {
        by: 'Mandiant',
        kind: 'vendor',
        date: '2021-01-01',
        how: 'vendor assessment',
        country: 'CN',
        refs: ['https://example.com/x'],
      },
    ],
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
    // The aliases come before the attributions (what the card is for goes first).
    const aka = screen.getAllByRole('heading', { name: 'Also known as' })[0]!;
    const firstAttribution = document.querySelector('[data-field="attribution"]')!;
    expect(aka.compareDocumentPosition(firstAttribution) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // Each attribution with its own who, when and source, newest first; past the second they fold away.
    const rows = [...document.querySelectorAll('[data-field="attribution"]')].map((li) => li.textContent);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatch(
      /^Czech Republic \(Ministry of Foreign Affairs\), 2025-05-28: official statement · mzv\.gov\.cz/,
    );
    expect(rows[1]).toMatch(/^European Union, 2025-05-28: declaration — China · consilium\.europa\.eu/);
    expect(rows[2]).toMatch(
      /^United States \(DoJ, Treasury\), 2024-03-25: indictment and sanctions · justice\.gov/,
    );
    expect(rows[3]).toMatch(/^United Kingdom, 2024-03-25/);
    expect(document.querySelector('details.more-attributions summary')?.textContent).toBe('3 earlier');
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
