/**
 * The Sightings view: where the reader met each entity, as a timeline per entity, with filters (entity,
 * site, dates), search, the page's link, "save as incident", and clearing them all. Other views point it at
 * a subset through the `filter` prop (an Insights bar, the Watchlist's "Sightings" button).
 */

import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Incident, IncidentDraft } from '../../lib/incidents/model';
import type { FactsOf } from '../../lib/overlay/sponsor-facts';
import type { SightingsMode } from '../../lib/settings';
import {
  draftFromSighting,
  filterSightings,
  type SightingFilter,
  timelines,
} from '../../lib/sightings/filter';
import type { Sighting } from '../../lib/sightings/model';
import { Choice, SearchBox, SiteAndDates } from '../shared/FilterBar';
import { newestThenAll } from '../shared/newest-first';
import { StatusRegion } from '../shared/StatusRegion';

/** What the view needs from the extension; a seam so tests run it without a browser. */
export interface SightingsApi {
  /** Every sighting, most recently seen first (read directly from IndexedDB). */
  list(): Promise<Sighting[]>;
  /** The most recently seen few and the total, painted while the whole store is read. */
  first?(count: number): Promise<{ sightings: Sighting[]; total: number }>;
  /** Asks the background (the only writer) to remove every sighting; resolves to how many there were. */
  clear(): Promise<number>;
  /** Saves an incident through the background's `incidents:save`. */
  saveIncident(draft: IncidentDraft): Promise<Incident>;
  /** Name and kind of an entity id (bundled or the reader's own); undefined when unknown. */
  entity(id: string): { name: string; kind: 'actor' | 'agency' } | undefined;
  /** The recording mode, and a way to change it. */
  mode(): Promise<SightingsMode>;
  setMode(mode: SightingsMode): Promise<void>;
  /** Whether stored addresses keep their query strings (tracking parameters removed), and a way to change it. */
  keepQuery?(): Promise<boolean>;
  setKeepQuery?(keep: boolean): Promise<void>;
  /** Whom an entity points at (a chart's country or sponsor filter); nothing matches those without it. */
  facts?: FactsOf;
  /** Most sightings kept before the oldest go. */
  cap: number;
  /** Calls back when sightings change elsewhere; returns the unsubscribe. */
  subscribe?(onChange: () => void): () => void;
}

/** How many sightings are drawn at first, and added by each "Show more". */
const PAGE = 200;

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
const day = (iso: string) => iso.slice(0, 10);

/** Props: the api, and a filter chosen in another view (replaces the current one when it changes). */
export interface SightingsViewProps {
  api: SightingsApi;
  filter?: SightingFilter;
}

/** The dashboard's Sightings tab. */
export function SightingsView({ api, filter: given }: SightingsViewProps) {
  const [all, setAll] = useState<Sighting[]>();
  const [preview, setPreview] = useState<{ sightings: Sighting[]; total: number }>();
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [filter, setFilter] = useState<SightingFilter>(given ?? {});
  const [shown, setShown] = useState(PAGE);
  const [confirming, setConfirming] = useState(false);
  const [mode, setMode] = useState<SightingsMode>();
  const [keepQuery, setKeepQuery] = useState<boolean>();

  const reload = () =>
    api.list().then(
      (list) => {
        setAll(list);
        setError(undefined);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  useEffect(() => {
    let live = true;
    // A full store takes seconds to read: the newest page is painted first, unfiltered, then the whole.
    void newestThenAll({
      first: api.first,
      count: PAGE,
      filtered: Object.values(given ?? {}).some((v) => v),
      live: () => live,
      preview: setPreview,
      all: reload,
    });
    void api.mode().then(setMode);
    void api.keepQuery?.().then(setKeepQuery);
    const unsubscribe = api.subscribe?.(() => void reload());
    return () => {
      live = false;
      unsubscribe?.();
    };
  }, []);
  // A filter from another view replaces the reader's own (compared by value: callers build it inline).
  const givenKey = JSON.stringify(given ?? {});
  useEffect(() => {
    setFilter(given ?? {});
    setShown(PAGE);
  }, [givenKey]);

  const name = (id: string) => api.entity(id)?.name ?? id;
  // Until the whole store is read, the newest page stands in for it (filters apply to it alone).
  const known = all ?? preview?.sightings;
  const matching = useMemo(
    () => (known ? filterSightings(known, filter, name, api.facts) : undefined),
    [known, filter],
  );
  const groups = useMemo(() => timelines(matching ?? []), [matching]);
  const facets = useMemo(
    () => ({
      entities: [...new Set((known ?? []).map((s) => s.entityId))].sort((a, b) =>
        name(a).localeCompare(name(b)),
      ),
      sites: [...new Set((known ?? []).map((s) => s.site))].sort(),
    }),
    [known],
  );

  const set = (key: 'site' | 'from' | 'to' | 'query') => (value: string | undefined) => {
    setFilter((f) => ({ ...f, [key]: value, label: undefined }));
    setShown(PAGE);
  };

  const save = async (s: Sighting) => {
    setStatus(undefined);
    try {
      const kind = api.entity(s.entityId)?.kind ?? 'actor';
      const saved = await api.saveIncident(draftFromSighting(s, kind));
      setStatus(`Saved “${saved.title}” as an incident (in the Incidents tab).`);
    } catch (e) {
      setError(`Could not save the incident: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const clearAll = async () => {
    setConfirming(false);
    try {
      const n = await api.clear();
      setStatus(`Cleared ${plural(n, 'sighting')}.`);
    } catch (e) {
      setError(`Could not clear the sightings: ${e instanceof Error ? e.message : String(e)}`);
    }
    await reload();
  };

  // Groups are drawn until `shown` sightings are on screen: a long timeline does not hold the rest back.
  let budget = shown;
  const drawn = groups.flatMap((g) => {
    if (budget <= 0) return [];
    const rows = g.sightings.slice(0, budget);
    budget -= rows.length;
    return [{ ...g, rows }];
  });
  const total = matching?.length ?? 0;

  return (
    <main class="sightings-view">
      <header class="top">
        <h1>APT Lens — sightings</h1>
        <div class="io">
          <label>
            Record sightings of{' '}
            <select
              aria-label="Record sightings of"
              value={mode ?? 'watched'}
              disabled={!mode}
              onChange={(e) => {
                const m = e.currentTarget.value as SightingsMode;
                setMode(m);
                void api.setMode(m);
              }}
            >
              <option value="watched">watched entities</option>
              <option value="all">every entity</option>
              <option value="off">nothing (off)</option>
            </select>
          </label>
          {api.setKeepQuery && (
            <label title="Off: an address is stored without its query string (?…), which can hold tokens and session ids. On: only known tracking parameters (utm_…, fbclid…) are removed.">
              <input
                type="checkbox"
                checked={keepQuery ?? false}
                disabled={keepQuery === undefined}
                onChange={(e) => {
                  const keep = e.currentTarget.checked;
                  setKeepQuery(keep);
                  void api.setKeepQuery?.(keep);
                }}
              />{' '}
              Keep query strings in addresses
            </label>
          )}
          <button type="button" disabled={!all?.length} onClick={() => setConfirming(true)}>
            Clear all sightings
          </button>
        </div>
      </header>
      <p class="note">
        Each page you read that names an entity is recorded once per entity, on this computer only; a later
        visit updates it. Paused sites and private windows are never recorded. A page is filed under its
        canonical address when it gives one of its own site, else its own address, without credentials,
        fragment or query string. At most {api.cap.toLocaleString('en')} sightings are kept, and a tenth of
        that per site: a site past its share drops its own oldest, and a full store drops the oldest of the
        site holding the most, so one site cannot push out another's history.
      </p>
      {confirming && (
        <div class="confirm" role="alertdialog" aria-label="Clear all sightings?">
          <p>Remove all {plural(all?.length ?? 0, 'sighting')}? This cannot be undone.</p>
          <button type="button" onClick={() => void clearAll()}>
            Remove them all
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      <StatusRegion error={error}>{status}</StatusRegion>
      <div class="filters">
        <SearchBox label="Search sightings" value={filter.query ?? ''} onValue={set('query')} />
        <Choice
          label="Entity"
          all="All entities"
          value={filter.entityIds?.length === 1 ? filter.entityIds[0] : undefined}
          options={facets.entities.map((id) => [id, name(id)] as const)}
          onValue={(id) => {
            setFilter((f) => ({ ...f, entityIds: id ? [id] : undefined, label: undefined }));
            setShown(PAGE);
          }}
        />
        <SiteAndDates sites={facets.sites} filter={filter} set={set} />
        {(filter.label || Object.values(filter).some((v) => v !== undefined && v !== '')) && (
          <button
            type="button"
            onClick={() => {
              setFilter({});
              setShown(PAGE);
            }}
          >
            Show all
          </button>
        )}
      </div>
      {filter.label && <p class="filter-label">Showing: {filter.label}</p>}
      {!all && !preview && !error && <p aria-busy="true">Loading sightings…</p>}
      {!all && preview && preview.total > preview.sightings.length && (
        <p class="total" aria-busy="true">
          The {preview.sightings.length.toLocaleString('en')} most recently seen of{' '}
          {plural(preview.total, 'sighting')}; reading the rest…
        </p>
      )}
      {all && (
        <p class="total">
          {total === all.length
            ? plural(all.length, 'sighting')
            : `${plural(total, 'sighting')} of ${all.length.toLocaleString('en')}`}
        </p>
      )}
      {all && all.length === 0 && (
        <section class="empty-state" aria-label="No sightings yet">
          <h2>No sightings yet</h2>
          <p>
            Star an actor or agency (“☆ Watch” on a page’s card, in the popup, or in search results): each
            page you then read that names it is listed here, with the sentence that names it.
          </p>
        </section>
      )}
      {all && all.length > 0 && total === 0 && <p class="empty">No sighting matches these filters.</p>}
      {drawn.map((g) => (
        <section key={g.entityId} class="timeline" aria-label={`Sightings of ${name(g.entityId)}`}>
          <h2>
            {name(g.entityId)} <span class="count">{plural(g.sightings.length, 'page')}</span>
          </h2>
          <ol>
            {g.rows.map((s) => (
              <li key={s.key} class="sighting" data-url={s.url}>
                <div class="line">
                  <time dateTime={s.lastSeen}>{day(s.lastSeen)}</time>
                  <a href={s.url} target="_blank" rel="noreferrer noopener" class="title">
                    {s.title || s.url}
                  </a>
                  <span class="site">{s.site}</span>
                  <span class="visits">
                    {s.visits > 1
                      ? `${s.visits} visits since ${day(s.firstSeen)}`
                      : `first seen ${day(s.firstSeen)}`}
                  </span>
                </div>
                <q class="sentence">{s.sentence}</q>
                <div class="row-actions">
                  <button
                    type="button"
                    aria-label={`Save as incident: ${s.title || s.url}`}
                    disabled={!s.sentence}
                    onClick={() => void save(s)}
                  >
                    Save as incident
                  </button>
                </div>
              </li>
            ))}
          </ol>
        </section>
      ))}
      {total > shown && (
        <button type="button" onClick={() => setShown((n) => n + PAGE)}>
          Show more ({plural(total - shown, 'more sighting')})
        </button>
      )}
    </main>
  );
}
