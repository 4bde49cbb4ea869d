// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { type SightingsApi, SightingsView } from '../../components/dashboard/SightingsView';
import type { IncidentDraft } from '../../lib/incidents/model';
import type { SightingsMode } from '../../lib/settings';
import { listNewestSightings, listSightings, openSightingsDb } from '../../lib/sightings/db';
import { clearSightings, recordPage } from '../../lib/sightings/store';

let n = 0;
const ENTITIES: Record<string, { name: string; kind: 'actor' | 'agency' }> = {
  apt31: { name: 'APT31', kind: 'actor' },
  'cn-mss': { name: 'Ministry of State Security', kind: 'agency' },
};

async function setup(filter?: Parameters<typeof SightingsView>[0]['filter']) {
  const db = await openSightingsDb(`view-${++n}`);
  const page = (url: string, day: string, ids: string[]) =>
    recordPage(db, {
      url,
      title: `Story at ${url}`,
      site: new URL(url).hostname,
      seenAt: `2026-11-${day}T10:00:00.000Z`,
      visit: true,
      entities: ids.map((entityId) => ({ entityId, sentence: `${ENTITIES[entityId]!.name} in ${url}.` })),
    });
  await page('https://a.example/1', '01', ['apt31', 'cn-mss']);
  await page('https://b.example/2', '10', ['apt31']);
  await page('https://a.example/3', '20', ['cn-mss']);
  const saved: IncidentDraft[] = [];
  let mode: SightingsMode = 'watched';
  let keepQuery = false;
  const api: SightingsApi = {
    list: () => listSightings(db),
    clear: () => clearSightings(db),
    saveIncident: async (draft) => {
      saved.push(draft);
      return { ...draft, id: 'x', createdAt: '', updatedAt: '', site: '' };
    },
    entity: (id) => ENTITIES[id],
    mode: async () => mode,
    setMode: async (m) => {
      mode = m;
    },
    keepQuery: async () => keepQuery,
    setKeepQuery: async (k) => {
      keepQuery = k;
    },
    cap: 50_000,
  };
  render(<SightingsView api={api} filter={filter} />);
  await screen.findByText(/^\d+ sightings?( of 4)?$/);
  return { saved, mode: () => mode, keepQuery: () => keepQuery };
}

const rows = () => [...document.querySelectorAll<HTMLElement>('.sighting')].map((li) => li.dataset.url);
const groups = () => [...document.querySelectorAll('.timeline h2')].map((h) => h.textContent);

afterEach(cleanup);

describe('SightingsView', () => {
  it('shows a timeline per entity, the entity seen last first, and states the cap', async () => {
    await setup();
    expect(groups()).toEqual(['Ministry of State Security 2 pages', 'APT31 2 pages']);
    expect(rows()).toEqual([
      'https://a.example/3',
      'https://a.example/1',
      'https://b.example/2',
      'https://a.example/1',
    ]);
    expect(document.body.textContent).toContain('At most 50,000 sightings are kept');
    expect(
      screen.getAllByRole('link', { name: 'Story at https://b.example/2' })[0]?.getAttribute('href'),
    ).toBe('https://b.example/2');
  });

  it('filters by entity, site, dates and words', async () => {
    await setup();
    fireEvent.change(screen.getByRole('combobox', { name: 'Entity' }), { target: { value: 'apt31' } });
    await screen.findByText('2 sightings of 4');
    fireEvent.change(screen.getByRole('combobox', { name: 'Site' }), { target: { value: 'a.example' } });
    await waitFor(() => expect(rows()).toEqual(['https://a.example/1']));
    fireEvent.click(screen.getByRole('button', { name: 'Show all' }));
    fireEvent.input(screen.getByLabelText('From date'), { target: { value: '2026-11-05' } });
    await waitFor(() => expect(rows()).toEqual(['https://a.example/3', 'https://b.example/2']));
    fireEvent.input(screen.getByLabelText('From date'), { target: { value: '' } });
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search sightings' }), {
      target: { value: 'ministry b.example' },
    });
    await screen.findByText('No sighting matches these filters.');
  });

  it('takes a filter from another view and says where it came from', async () => {
    await setup({ entityIds: ['cn-mss'], from: '2026-11-15', label: 'China, November 2026' });
    expect(rows()).toEqual(['https://a.example/3']);
    expect(document.body.textContent).toContain('Showing: China, November 2026');
  });

  it('saves a sighting as an incident with its sentence, entity and page', async () => {
    const { saved } = await setup();
    fireEvent.click(
      screen.getAllByRole('button', { name: 'Save as incident: Story at https://b.example/2' })[0]!,
    );
    await screen.findByText(/Saved “Story at https:\/\/b.example\/2” as an incident/);
    expect(saved).toEqual([
      {
        title: 'Story at https://b.example/2',
        url: 'https://b.example/2',
        pageTitle: 'Story at https://b.example/2',
        quote: { exact: 'APT31 in https://b.example/2.', prefix: '', suffix: '' },
        actorIds: ['apt31'],
        agencyIds: [],
        tags: ['sighting'],
        notes: '',
      },
    ]);
  });

  it('clears every sighting only after a confirmation, and changes the recording mode', async () => {
    const { mode } = await setup();
    fireEvent.click(screen.getByRole('button', { name: 'Clear all sightings' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(rows()).toHaveLength(4);
    fireEvent.click(screen.getByRole('button', { name: 'Clear all sightings' }));
    expect(screen.getByRole('alertdialog').textContent).toContain('Remove all 4 sightings?');
    fireEvent.click(screen.getByRole('button', { name: 'Remove them all' }));
    await screen.findByText('Cleared 4 sightings.');
    await screen.findByRole('region', { name: 'No sightings yet' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Record sightings of' }), {
      target: { value: 'all' },
    });
    await waitFor(() => expect(mode()).toBe('all'));
  });

  it('keeps query strings in addresses only when the reader says so', async () => {
    const { keepQuery } = await setup();
    const box = screen.getByRole('checkbox', { name: 'Keep query strings in addresses' }) as HTMLInputElement;
    await waitFor(() => expect(box.disabled).toBe(false));
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    await waitFor(() => expect(keepQuery()).toBe(true));
  });
});

describe('SightingsView on a large store', () => {
  it('paints the most recently seen page first and says the rest is being read, then shows them all', async () => {
    const db = await openSightingsDb(`view-${++n}`);
    for (let i = 1; i <= 3; i++) {
      await recordPage(db, {
        url: `https://a.example/${i}`,
        title: `Story ${i}`,
        site: 'a.example',
        seenAt: `2026-11-0${i}T10:00:00.000Z`,
        visit: true,
        entities: [{ entityId: 'apt31', sentence: `APT31 in story ${i}.` }],
      });
    }
    let release: () => void = () => {};
    const whole = new Promise<void>((ok) => {
      release = ok;
    });
    const api: SightingsApi = {
      list: async () => {
        await whole;
        return listSightings(db);
      },
      first: (count) => listNewestSightings(db, Math.min(count, 2)),
      clear: () => clearSightings(db),
      saveIncident: async () => {
        throw new Error('not used');
      },
      entity: (id) => ENTITIES[id],
      mode: async () => 'watched',
      setMode: async () => {},
      cap: 50_000,
    };
    render(<SightingsView api={api} />);
    await screen.findByText('The 2 most recently seen of 3 sightings; reading the rest…');
    expect(rows()).toEqual(['https://a.example/3', 'https://a.example/2']);
    release();
    await screen.findByText('3 sightings');
    expect(rows()).toEqual(['https://a.example/3', 'https://a.example/2', 'https://a.example/1']);
    expect(document.body.textContent).not.toContain('reading the rest');
  });
});
