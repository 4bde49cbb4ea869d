import { render } from 'preact';
import { CARD_CSS } from '../../components/card/card-css';
import { IncidentsTab, type IncidentsTabApi } from '../../components/dashboard/IncidentsTab';
import { type SightingsApi, SightingsView } from '../../components/dashboard/SightingsView';
import { type DashboardPlace, type DashboardTab, TabbedDashboard } from '../../components/dashboard/Tabs';
import { type WatchlistApi, WatchlistView } from '../../components/dashboard/WatchlistView';
import type { InsightsApi } from '../../components/insights/Insights';
import { LazyInsights } from '../../components/insights/LazyInsights';
import { type OverlayApi, OverlayEditor } from '../../components/overlay/OverlayEditor';
import { OverlayImport } from '../../components/overlay/OverlayImport';
import { countryName } from '../../components/shared/country';
import {
  CHANGES_CHANNEL,
  type IncidentsDb,
  listIncidents,
  listNewestIncidents,
  listProblems,
  openIncidentsDb,
} from '../../lib/incidents/db';
import { drillFromArg, drillToArg, incidentFilterOf } from '../../lib/insights/drill';
import { loadKb } from '../../lib/kb/index';
import { createSearch, type Search } from '../../lib/kb/search';
import { OVERLAY_CHANNEL, type OverlayDb, openOverlayDb, readOverlay } from '../../lib/overlay/db';
import { OverlayLookup } from '../../lib/overlay/lookup';
import { type FactsOf, kbFacts, withOverlayFacts } from '../../lib/overlay/sponsor-facts';
import {
  listNewestSightings,
  listSightings,
  openSightingsDb,
  SIGHTINGS_CHANNEL,
  type SightingsDb,
  sightingCounts,
} from '../../lib/sightings/db';
import { sightingFilterOf } from '../../lib/sightings/filter';
import { MAX_SIGHTINGS } from '../../lib/sightings/store';
import { send } from '../../platform/messaging';
import { readSettings, updateSettings, watchSettings } from '../../platform/settings';

let db: Promise<IncidentsDb> | undefined;
/** The KB with the reader's own entities over it, for names, cards, facts and the STIX export (kept current below). */
let overlayLookup = new OverlayLookup();
let kbFactsOf: FactsOf | undefined;
let factsOf: { lookup: OverlayLookup; facts: FactsOf } | undefined;
let entitySearch: { lookup: OverlayLookup; search: Search } | undefined;
/**
 * Sponsor facts of bundled and own entities, indexed on first use (a filter or a chart), not while the
 * dashboard opens, and again after the reader's KB changed.
 */
const facts: FactsOf = (id) => {
  if (factsOf?.lookup !== overlayLookup) {
    kbFactsOf ??= kbFacts(loadKb());
    const lookup = overlayLookup;
    factsOf = {
      lookup,
      facts: withOverlayFacts(lookup.overlay, kbFactsOf, (g) => lookup.entity(g)?.entity.country),
    };
  }
  return factsOf.facts(id);
};

/** Hands a file to the browser's downloads. */
function download(fileName: string, data: Blob): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Reads come straight from IndexedDB on the extension origin; writes go to the background. */
const api: IncidentsTabApi = {
  list: async () => {
    db ??= openIncidentsDb();
    return listIncidents(await db);
  },
  first: async (count) => {
    db ??= openIncidentsDb();
    return listNewestIncidents(await db, count);
  },
  problems: async () => {
    db ??= openIncidentsDb();
    return listProblems(await db);
  },
  send,
  name: (id) => overlayLookup.name(id),
  download: (fileName, text) => download(fileName, new Blob([text], { type: 'application/json' })),
  now: () => new Date(),
  subscribe(onChange) {
    const channel = new BroadcastChannel(CHANGES_CHANNEL);
    channel.onmessage = onChange;
    return () => channel.close();
  },
  facts,
  lookup: (id) => overlayLookup.entity(id),
  findEntities(query) {
    // Indexed on first use (tens of milliseconds) and again when the reader's own KB changes.
    if (entitySearch?.lookup !== overlayLookup)
      entitySearch = { lookup: overlayLookup, search: createSearch(overlayLookup.searchable()) };
    return entitySearch.search(query, 8).map(({ id, name, kind }) => ({ id, name, kind }));
  },
};

/** The Insights view reads both stores itself, when its tab opens. */
const insightsApi: InsightsApi = {
  incidents: api.list,
  sightings: async () => listSightings(await sightings()),
  sightingKeys: async () => (await sightings()).getAllKeys('sightings'),
  name: api.name,
  facts,
  download,
};

let overlayDb: Promise<OverlayDb> | undefined;

/** "Your KB" reads the overlay straight from IndexedDB; the background writes it. */
const overlayApi: OverlayApi = {
  async read() {
    overlayDb ??= openOverlayDb();
    return (await readOverlay(await overlayDb)).overlay;
  },
  write: (batch) => send({ type: 'overlay:write', batch }),
  subscribe(onChange) {
    const channel = new BroadcastChannel(OVERLAY_CHANNEL);
    channel.onmessage = onChange;
    return () => channel.close();
  },
  bundled: () => {
    const kb = loadKb();
    return [
      ...kb.actors.map((a) => ({ id: a.id, name: a.name, kind: 'actor' as const })),
      ...kb.agencies.map((g) => ({ id: g.id, name: g.name, kind: 'agency' as const })),
    ];
  },
  now: () => new Date(),
};

/** Keeps the export's lookup in step with the reader's KB (an unreadable overlay leaves the bundled KB). */
function followOverlay(): void {
  const refresh = () =>
    void overlayApi.read().then(
      (o) => {
        overlayLookup = new OverlayLookup(o);
      },
      () => {},
    );
  refresh();
  new BroadcastChannel(OVERLAY_CHANNEL).onmessage = refresh;
}
followOverlay();

let sightingsDb: Promise<SightingsDb> | undefined;
const sightings = () => {
  sightingsDb ??= openSightingsDb();
  return sightingsDb;
};

/** The Sightings view reads the store directly; clearing and saving go to the background. */
const sightingsApi: SightingsApi = {
  list: async () => listSightings(await sightings()),
  first: async (count) => listNewestSightings(await sightings(), count),
  clear: () => send({ type: 'sightings:clear' }),
  saveIncident: (draft) => send({ type: 'incidents:save', draft }),
  entity: (id) => {
    const found = overlayLookup.entity(id);
    return found ? { name: found.entity.name, kind: found.kind } : undefined;
  },
  mode: async () => (await readSettings()).sightings,
  setMode: async (mode) => void (await updateSettings({ op: 'set', values: { sightings: mode } })),
  keepQuery: async () => (await readSettings()).keepQuery,
  setKeepQuery: async (keepQuery) => void (await updateSettings({ op: 'set', values: { keepQuery } })),
  facts,
  cap: MAX_SIGHTINGS,
  subscribe(onChange) {
    const channel = new BroadcastChannel(SIGHTINGS_CHANNEL);
    channel.onmessage = onChange;
    return () => channel.close();
  },
};

const watchlistApi: WatchlistApi = {
  settings: { read: readSettings, update: updateSettings, watch: watchSettings },
  card: (id) => overlayLookup.card(id),
  sightingCounts: async () => sightingCounts(await sightings()).catch(() => new Map()),
};

/** The dashboard's views, in tab order. */
const tabs: DashboardTab[] = [
  {
    id: 'incidents',
    label: 'Incidents',
    render: (arg) => (
      <IncidentsTab
        key={arg}
        api={api}
        openId={decodeURIComponent(location.hash.slice(1)) || undefined}
        filter={incidentFilterOf(drillFromArg('incidents', arg), facts)}
      />
    ),
  },
  {
    id: 'insights',
    label: 'Insights',
    render: (_arg, go) => (
      <LazyInsights api={insightsApi} go={(drill) => go({ tab: drill.list, arg: drillToArg(drill) })} />
    ),
  },
  {
    id: 'watchlist',
    label: 'Watchlist',
    render: (_arg, go) => (
      <WatchlistView
        api={watchlistApi}
        showSightings={(id) => go({ tab: 'sightings', arg: drillToArg({ list: 'sightings', entity: id }) })}
      />
    ),
  },
  {
    id: 'sightings',
    label: 'Sightings',
    render: (arg) => (
      <SightingsView
        api={sightingsApi}
        filter={sightingFilterOf(drillFromArg('sightings', arg), api.name, (c) => countryName(c) ?? c)}
      />
    ),
  },
  {
    id: 'your-kb',
    label: 'Your KB',
    render: () => (
      <OverlayEditor api={overlayApi}>
        <OverlayImport send={(text, apply) => send({ type: 'overlay:import', text, apply })} />
      </OverlayEditor>
    ),
  },
];

/** The view in the address (`?tab=<id>&arg=<what it shows>`), so a reload or a link opens the same one. */
function placeInUrl(): DashboardPlace {
  const q = new URLSearchParams(location.search);
  return { tab: q.get('tab') ?? 'incidents', arg: q.get('arg') ?? undefined };
}

function rememberPlace(place: DashboardPlace): void {
  const q = new URLSearchParams({ tab: place.tab });
  if (place.arg) q.set('arg', place.arg);
  history.replaceState(null, '', `?${q}`);
}

// The entity cards (Watchlist details) use the same styles as the popup's.
const style = document.createElement('style');
style.textContent = CARD_CSS;
document.head.append(style);
render(
  <TabbedDashboard tabs={tabs} initial={placeInUrl()} onPlace={rememberPlace} />,
  document.getElementById('app')!,
);
