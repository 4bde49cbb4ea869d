/**
 * The Watchlist view: the entities the reader follows, each with its card on demand, how many pages were
 * seen naming it, a jump to those sightings, and a way to stop watching it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { EntityCardData } from '../../lib/kb/card-data';
import type { Settings } from '../../lib/settings';
import type { SettingsChange } from '../../lib/settings-change';
import { EntityCard } from '../card/EntityCard';
import { countryName } from '../shared/country';
import { StatusRegion } from '../shared/StatusRegion';

/** What the view needs from the extension; a seam so tests run it without a browser. */
export interface WatchlistApi {
  settings: {
    read(): Promise<Settings>;
    update(change: SettingsChange): Promise<Settings>;
    watch(fn: (s: Settings) => void): () => void;
  };
  /** The card data of an entity id (bundled or the reader's own); null when the KB no longer has it. */
  card(id: string): EntityCardData | null;
  /** Sightings per entity id (an empty map when the store cannot be read). */
  sightingCounts(): Promise<Map<string, number>>;
}

/** Props: the api, and the move to the Sightings view filtered on one entity. */
export interface WatchlistViewProps {
  api: WatchlistApi;
  showSightings(entityId: string): void;
}

/** The dashboard's Watchlist tab. */
export function WatchlistView({ api, showSightings }: WatchlistViewProps) {
  const [settings, setSettings] = useState<Settings>();
  const [counts, setCounts] = useState<Map<string, number>>(new Map());
  const [open, setOpen] = useState<string>();
  const [status, setStatus] = useState<string>();
  useEffect(() => {
    void api.settings.read().then(setSettings);
    void api.sightingCounts().then(setCounts);
    return api.settings.watch(setSettings);
  }, []);

  const remove = async (id: string, name: string) => {
    setSettings(await api.settings.update({ op: 'watch', id, watched: false }));
    setStatus(`Stopped watching ${name}.`);
  };

  const list = settings?.watchlist ?? [];
  return (
    <main class="watchlist-view">
      <header class="top">
        <h1>APT Lens — watchlist</h1>
      </header>
      <p class="note">
        Watched names get a magenta underline on pages, the toolbar button counts them on the current page,
        and the popup lists them first. Star an entity with “☆ Watch” on a page’s card, in the popup’s detail,
        or in its search results.
      </p>
      <StatusRegion>{status}</StatusRegion>
      {!settings && <p aria-busy="true">Loading the watchlist…</p>}
      {settings && list.length === 0 && (
        <section class="empty-state" aria-label="Nothing watched yet">
          <h2>Nothing watched yet</h2>
          <p>Hover a highlighted name on a page and press “☆ Watch”, or search for one in the popup.</p>
        </section>
      )}
      {list.length > 0 && (
        <ul class="watchlist" aria-label="Watched entities">
          {list.map((id) => {
            const data = api.card(id);
            const name = data?.entity.name ?? id;
            const n = counts.get(id) ?? 0;
            return (
              <li key={id} class="watched" data-id={id}>
                <div class="line">
                  <strong class="wl-name">{name}</strong>
                  <span class="wl-kind">
                    {data ? (data.kind === 'actor' ? 'actor' : 'agency') : 'not in the knowledge base'}
                  </span>
                  {data?.entity.country && <span class="wl-country">{countryName(data.entity.country)}</span>}
                  <span class="buttons">
                    <button
                      type="button"
                      aria-expanded={open === id}
                      aria-label={`Details of ${name}`}
                      disabled={!data}
                      onClick={() => setOpen(open === id ? undefined : id)}
                    >
                      Details
                    </button>
                    <button
                      type="button"
                      aria-label={`Sightings of ${name}`}
                      onClick={() => showSightings(id)}
                    >
                      Sightings ({n})
                    </button>
                    <button
                      type="button"
                      aria-label={`Stop watching ${name}`}
                      onClick={() => void remove(id, name)}
                    >
                      Remove
                    </button>
                  </span>
                </div>
                {open === id && data && (
                  <div class="watched-card">
                    <EntityCard data={data} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </main>
  );
}
