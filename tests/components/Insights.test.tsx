// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Insights, type InsightsApi, type InsightsProps } from '../../components/insights/Insights';
import { LazyInsights } from '../../components/insights/LazyInsights';
import type { Drill } from '../../lib/insights/drill';
import type { FactsOf } from '../../lib/overlay/sponsor-facts';
import { makeIncident } from '../incidents/make';

// happy-dom has no 2D canvas: the chart library is replaced by a stub that records what it was asked to draw.
const drawn: { data: unknown }[] = [];
vi.mock('uplot', () => {
  class FakePlot {
    static paths = { bars: () => () => null };
    over = document.createElement('div');
    ctx = { canvas: document.createElement('canvas') };
    cursor: { idx: number | null } = { idx: null };
    width = 0;
    height = 0;
    constructor(_opts: unknown, data: unknown, el: HTMLElement) {
      drawn.push({ data });
      el.append(this.over);
    }
    setSize() {}
    destroy() {}
  }
  return { default: FakePlot };
});

const FACTS: FactsOf = (id) =>
  (
    ({
      apt31: { kind: 'actor', country: 'CN', agency: 'cn-mss' },
      apt28: { kind: 'actor', country: 'RU', agency: 'ru-gru' },
      'cn-mss': { kind: 'agency', country: 'CN', agency: 'cn-mss' },
    }) as const
  )[id];

function setup(over: Partial<InsightsApi> = {}) {
  const drills: Drill[] = [];
  const api: InsightsApi = {
    incidents: async () => [
      makeIncident(1, {
        actorIds: ['apt31'],
        agencyIds: [],
        tags: ['espionage'],
        createdAt: '2025-03-02T00:00:00.000Z',
      }),
      makeIncident(2, {
        actorIds: ['apt28'],
        agencyIds: [],
        tags: ['election'],
        createdAt: '2025-04-02T00:00:00.000Z',
      }),
      makeIncident(3, {
        actorIds: ['apt31'],
        agencyIds: ['cn-mss'],
        tags: ['espionage'],
        createdAt: '2025-04-09T00:00:00.000Z',
      }),
    ],
    sightings: async () => [
      { entityId: 'apt31', firstSeen: '2025-04-01T00:00:00Z' },
      { entityId: 'apt31', firstSeen: '2025-05-01T00:00:00Z' },
    ],
    name: (id) => id.toUpperCase(),
    facts: FACTS,
    download: vi.fn(),
    ...over,
  };
  render(<Insights api={api} go={(d) => drills.push(d)} />);
  return { drills, api };
}

const table = (name: string) => screen.getByRole('table', { name });
const rows = (name: string) =>
  within(table(name))
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.textContent);

afterEach(() => {
  cleanup();
  drawn.length = 0;
});

describe('Insights', () => {
  it('gives every chart a table with the same numbers', async () => {
    setup();
    await screen.findByRole('heading', { level: 1, name: 'APT Lens — insights' });
    expect(rows('Incidents per month')).toEqual(['Mar 20251', 'Apr 20252', 'May 20250']);
    expect(rows('Actors and agencies named')).toEqual(['APT312', 'APT281', 'CN-MSS1']);
    expect(rows('Sponsor states')).toEqual(['China2', 'Russia1']);
    expect(rows('Sponsor agencies')).toEqual(['CN-MSS2', 'RU-GRU1']);
    expect(rows('Tags')).toEqual(['espionage2', 'election1']);
    // Five charts were drawn, the canvas hidden from screen readers.
    await waitFor(() => expect(drawn).toHaveLength(5));
    for (const c of document.querySelectorAll('.chart-canvas'))
      expect(c.getAttribute('aria-hidden')).toBe('true');
  });

  it('drills down from a table’s name, as a click on its bar does', async () => {
    const { drills } = setup();
    await screen.findByRole('heading', { level: 1, name: 'APT Lens — insights' });
    fireEvent.click(within(table('Sponsor states')).getByRole('button', { name: 'China' }));
    fireEvent.click(within(table('Incidents per month')).getByRole('button', { name: 'Apr 2025' }));
    fireEvent.click(within(table('Tags')).getByRole('button', { name: 'election' }));
    expect(drills).toEqual([
      { list: 'incidents', country: 'CN' },
      { list: 'incidents', month: '2025-04' },
      { list: 'incidents', tag: 'election' },
    ]);
  });

  it('counts sightings when asked, and drills into the sighting list', async () => {
    const { drills } = setup();
    fireEvent.click(await screen.findByRole('radio', { name: /Sightings \(2\)/ }));
    expect(rows('Sightings per month')).toEqual(['Mar 20250', 'Apr 20251', 'May 20251']);
    expect(rows('Tags')).toEqual([]);
    expect(screen.getByText('Sightings have no tags; incidents do.')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Month chart entity' }), {
      target: { value: 'apt31' },
    });
    fireEvent.click(within(table('Sightings per month — APT31')).getByRole('button', { name: 'May 2025' }));
    expect(drills).toEqual([{ list: 'sightings', month: '2025-05', entity: 'apt31' }]);
  });

  it('shows the tables when asked', async () => {
    setup();
    const show = (await screen.findAllByRole('button', { name: 'Show table' }))[0]!;
    expect(table('Incidents per month').className).toContain('visually-hidden');
    fireEvent.click(show);
    expect(table('Incidents per month').className).not.toContain('visually-hidden');
    expect(show.getAttribute('aria-expanded')).toBe('true');
  });

  it('draws from the sightings’ keys first, then adds their months once the records are read', async () => {
    let release = () => {};
    const gate = new Promise<void>((ok) => {
      release = ok;
    });
    setup({
      sightingKeys: async () => ['apt31\nhttps://a.example/1', 'apt31\nhttps://b.example/2'],
      sightings: async () => {
        await gate;
        return [
          { entityId: 'apt31', firstSeen: '2025-04-01T00:00:00Z' },
          { entityId: 'apt31', firstSeen: '2025-05-01T00:00:00Z' },
        ];
      },
    });
    fireEvent.click(await screen.findByRole('radio', { name: /Sightings \(2\)/ }));
    expect(rows('Actors and agencies named')).toEqual(['APT312']);
    expect(screen.getByText('Reading when each page was seen…')).toBeTruthy();
    release();
    await waitFor(() => expect(rows('Sightings per month')).toEqual(['Mar 20250', 'Apr 20251', 'May 20251']));
    expect(screen.queryByText('Reading when each page was seen…')).toBeNull();
  });

  it('says so when a store cannot be read', async () => {
    setup({ sightings: () => Promise.reject(new Error('blocked')) });
    expect((await screen.findByRole('alert')).textContent).toContain('blocked');
  });
});

describe('LazyInsights', () => {
  it('has the tab’s heading while the charts load', () => {
    render(<LazyInsights {...({} as InsightsProps)} />);
    expect(screen.getByRole('heading', { level: 1, name: 'APT Lens — insights' })).toBeTruthy();
    expect(screen.getByText('Loading charts…')).toBeTruthy();
  });
});
