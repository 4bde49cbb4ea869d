// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IncidentForm } from '../../components/incident-form/IncidentForm';
import { captureInitial, selectionQuote } from '../../lib/incidents/capture';
import type { IncidentDraft } from '../../lib/incidents/model';
import { findMentions } from '../../lib/match/find-mentions';

const EVIL = '<img src=x onerror="window.pwned=1">';
const quote =
  'The Czech government said with a high degree of certainty that APT31 was behind the attack, linked to the Ministry of State Security.';

function initial() {
  return captureInitial({
    quote: { exact: quote, prefix: 'x', suffix: 'y' },
    url: 'https://news.example/a',
    pageTitle: `Czech story ${EVIL}`,
    pageText: `${quote} Separately, APT28 was seen in Poland.`,
    today: new Date(2025, 4, 28),
    find: (t) => findMentions(t),
  });
}

describe('captureInitial', () => {
  it('prefills entities, page suggestions, date and attribution', () => {
    const i = initial();
    expect(i.found.map((e) => e.id)).toEqual(expect.arrayContaining(['apt31', 'cn-mss']));
    expect(i.suggestions.map((e) => e.id)).toContain('apt28');
    expect(i.date).toBe('2025-05-28');
    expect(i.attribution).toMatchObject({
      claimant: 'Czech government',
      confidence: 'a high degree of certainty',
    });
  });
  it('reads the selection with its context', () => {
    document.body.innerHTML = '<p>Before text. <b>APT31</b> struck again.</p>';
    const b = document.querySelector('b')!;
    const r = document.createRange();
    r.selectNodeContents(b);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(r);
    expect(selectionQuote(sel, document.body)).toEqual({
      exact: 'APT31',
      prefix: 'Before text. ',
      suffix: ' struck again.',
    });
    expect(selectionQuote(null, document.body).exact).toBe('');
  });
});

describe('IncidentForm', () => {
  afterEach(cleanup);
  it('saves the prefilled passage with typed tags, then confirms', async () => {
    let saved: IncidentDraft | undefined;
    const onSave = vi.fn(async (d: IncidentDraft) => {
      saved = d;
    });
    render(
      <IncidentForm
        initial={initial()}
        knownTags={['espionage', 'election']}
        onSave={onSave}
        onCancel={() => {}}
      />,
    );
    const tags = screen.getByLabelText('Tags');
    fireEvent.input(tags, { target: { value: 'es' } });
    fireEvent.click(screen.getByRole('button', { name: 'espionage' }));
    fireEvent.input(tags, { target: { value: 'Ministry' } });
    fireEvent.keyDown(tags, { key: 'Enter' });
    fireEvent.click(screen.getByRole('button', { name: 'APT28' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Incident saved.');
    expect(saved).toMatchObject({
      url: 'https://news.example/a',
      tags: ['espionage', 'ministry'],
      occurredAt: '2025-05-28',
      attribution: { claimant: 'Czech government' },
    });
    expect(saved!.actorIds).toEqual(expect.arrayContaining(['apt31', 'apt28']));
    expect(saved!.agencyIds).toContain('cn-mss');
  });

  it('shows page text as text, never as HTML', () => {
    render(<IncidentForm initial={initial()} knownTags={[]} onSave={async () => {}} onCancel={() => {}} />);
    expect(document.body.textContent).toContain(EVIL);
    expect(document.querySelector('img')).toBeNull();
  });

  it('shows a store error and keeps the form', async () => {
    const onSave = async () => {
      throw new Error('Storage is full: nothing was saved.');
    };
    render(<IncidentForm initial={initial()} knownTags={[]} onSave={onSave} onCancel={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/Storage is full/));
    expect(screen.getByRole('button', { name: 'Save' })).toBeTruthy();
  });

  it('cancels on Escape', () => {
    const onCancel = vi.fn();
    render(<IncidentForm initial={initial()} knownTags={[]} onSave={async () => {}} onCancel={onCancel} />);
    fireEvent.keyDown(screen.getByLabelText('Notes'), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalled();
  });
});

describe('claimant chip', () => {
  afterEach(cleanup);
  const withQuote = (exact: string) =>
    captureInitial({
      quote: { exact, prefix: '', suffix: '' },
      url: 'https://news.example/a',
      pageTitle: 'Story',
      pageText: exact,
      today: new Date(2025, 4, 28),
      find: (t) => findMentions(t),
    });

  it('shows a claimant that is a country’s government as a country chip, gone once edited', () => {
    const i = withQuote('The Czech government has publicly blamed APT31 for the hacking campaign.');
    expect(i.claimantIs).toEqual({ kind: 'country', country: 'CZ' });
    render(<IncidentForm initial={i} knownTags={[]} onSave={vi.fn()} onCancel={vi.fn()} />);
    expect(document.querySelector('.claimant-is')?.textContent).toBe('Country: Czechia');
    fireEvent.input(screen.getByLabelText('Attributed by'), { target: { value: 'Prague' } });
    expect(document.querySelector('.claimant-is')).toBeNull();
  });

  it('shows a claimant that is an agency as an agency chip', () => {
    const i = withQuote('NÚKIB attributed the cyber espionage campaign against the ministry to APT31.');
    expect(i.claimantIs).toMatchObject({ kind: 'agency', id: 'cz-nukib', country: 'CZ' });
    render(<IncidentForm initial={i} knownTags={[]} onSave={vi.fn()} onCancel={vi.fn()} />);
    expect(document.querySelector('.claimant-is')?.textContent).toMatch(/^Agency: .* \(Czechia\)$/);
  });
});

describe('claims in the form', () => {
  afterEach(cleanup);
  const prague =
    "All three of Prague's intelligence agencies and its cybersecurity agency assessed with 'a high degree of certainty' that the cyber-espionage activity was perpetrated by APT31, which has been linked by Western governments to China's Ministry of State Security.";
  const at = (exact: string, over: { context?: string; published?: string } = {}) =>
    captureInitial({
      quote: { exact, prefix: '', suffix: '' },
      url: 'https://news.example/a',
      pageTitle: 'Story',
      pageText: exact,
      today: new Date(2026, 11, 6),
      find: (t) => findMentions(t),
      ...over,
    });

  it('proposes the incident’s claimant first and lists the sponsor link apart; both are saved', async () => {
    const i = at(prague, { published: '2025-05-28' });
    expect(i.date).toBe('2025-05-28');
    let saved: IncidentDraft | undefined;
    render(
      <IncidentForm
        initial={i}
        knownTags={[]}
        onSave={async (d) => {
          saved = d;
        }}
        onCancel={vi.fn()}
      />,
    );
    expect((screen.getByLabelText('Attributed by') as HTMLInputElement).value).toBe(
      "Prague's intelligence agencies and its cybersecurity agency",
    );
    expect(document.querySelector('.claimant-is')?.textContent).toBe('Country: Czechia');
    expect((screen.getByLabelText('Confidence (their words)') as HTMLInputElement).value).toBe(
      'a high degree of certainty',
    );
    expect(document.querySelector('.claims')?.textContent?.trim()).toBe(
      'sponsor link Western governments: APT31 → Ministry of State Security',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Incident saved.');
    expect(saved).toMatchObject({
      occurredAt: '2025-05-28',
      attribution: { claimant: "Prague's intelligence agencies and its cybersecurity agency" },
      claims: [
        {
          kind: 'incident',
          claimants: [{ name: "Prague's intelligence agencies and its cybersecurity agency", country: 'CZ' }],
          accusedId: 'apt31',
          confidence: 'a high degree of certainty',
          date: '2025-05-28',
        },
        { kind: 'sponsor-link', claimants: [{ name: 'Western governments' }], sponsorId: 'cn-mss' },
      ],
    });
    expect(saved!.claims![0]).not.toHaveProperty('fromContext');
  });

  it('shows one chip per claimant of a sanction', () => {
    render(
      <IncidentForm
        initial={at('A front company of APT31 was sanctioned by the United States and United Kingdom.')}
        knownTags={[]}
        onSave={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    expect((screen.getByLabelText('Attributed by') as HTMLInputElement).value).toBe(
      'United States and United Kingdom',
    );
    expect([...document.querySelectorAll('.claimant-is .chip')].map((c) => c.textContent)).toEqual([
      'Country: United States',
      'Country: United Kingdom',
    ]);
  });

  it('saves the reader’s own claimant without the ids of the proposal, and drops an unticked claim', async () => {
    let saved: IncidentDraft | undefined;
    render(
      <IncidentForm
        initial={at(prague)}
        knownTags={[]}
        onSave={async (d) => {
          saved = d;
        }}
        onCancel={vi.fn()}
      />,
    );
    fireEvent.input(screen.getByLabelText('Attributed by'), { target: { value: 'NÚKIB' } });
    fireEvent.click(document.querySelector<HTMLInputElement>('.claims input')!);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Incident saved.');
    expect(saved!.claims).toEqual([
      expect.objectContaining({ kind: 'incident', claimants: [{ name: 'NÚKIB' }] }),
    ]);
  });

  it('dates a page without a published day today', () => {
    expect(at(prague).date).toBe('2026-12-06');
  });
});
