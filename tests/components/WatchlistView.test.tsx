// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { type WatchlistApi, WatchlistView } from '../../components/dashboard/WatchlistView';
import { cardDataFor } from '../../lib/kb/card-data';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { applySettingsChange } from '../../lib/settings-change';

function setup(watchlist: string[]) {
  let s: Settings = { ...DEFAULT_SETTINGS, watchlist };
  const jumps: string[] = [];
  const api: WatchlistApi = {
    settings: {
      read: async () => s,
      update: async (change) => {
        s = applySettingsChange(s, change);
        return s;
      },
      watch: () => () => {},
    },
    card: cardDataFor,
    sightingCounts: async () => new Map([['apt31', 3]]),
  };
  render(<WatchlistView api={api} showSightings={(id) => jumps.push(id)} />);
  return { jumps, settings: () => s };
}

afterEach(cleanup);

describe('WatchlistView', () => {
  it('says how to watch something when nothing is watched', async () => {
    setup([]);
    expect((await screen.findByRole('region', { name: 'Nothing watched yet' })).textContent).toContain(
      '☆ Watch',
    );
  });

  it('lists watched entities with their sightings, opens the card, jumps to sightings, and removes', async () => {
    const { jumps, settings } = setup(['apt31', 'cn-mss', 'gone-entity']);
    await screen.findByRole('button', { name: 'Sightings of APT31' });
    expect(screen.getByRole('button', { name: 'Sightings of APT31' }).textContent).toBe('Sightings (3)');
    expect(document.body.textContent).toContain('not in the knowledge base');
    fireEvent.click(screen.getByRole('button', { name: 'Details of APT31' }));
    expect(document.querySelector('.watched-card')?.textContent).toContain('Judgment Panda');
    fireEvent.click(screen.getByRole('button', { name: 'Sightings of APT31' }));
    expect(jumps).toEqual(['apt31']);
    fireEvent.click(screen.getByRole('button', { name: 'Stop watching APT31' }));
    await screen.findByText('Stopped watching APT31.');
    expect(settings().watchlist).toEqual(['cn-mss', 'gone-entity']);
    expect(screen.queryByRole('button', { name: 'Sightings of APT31' })).toBeNull();
  });
});
