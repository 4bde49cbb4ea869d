import { render } from 'preact';
import { browser } from 'wxt/browser';
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
import { type TeamApi, TeamServer } from '../../components/team/TeamServer';
import {
  CHANGES_CHANNEL,
  listIncidents,
  listNewestIncidents,
  listProblems,
  openIncidentsDb,
} from '../../lib/incidents/db';
import { drillFromArg, drillToArg, incidentFilterOf } from '../../lib/insights/drill';
import { loadKb } from '../../lib/kb/index';
import { lazyOpen } from '../../lib/lazy-open';
import { OVERLAY_CHANNEL, openOverlayDb, readOverlay } from '../../lib/overlay/db';
import { ReaderKb } from '../../lib/overlay/reader-kb';
import {
  listNewestSightings,
  listSightings,
  openSightingsDb,
  SIGHTINGS_CHANNEL,
  sightingCounts,
} from '../../lib/sightings/db';
import { sightingFilterOf } from '../../lib/sightings/filter';
import { MAX_SIGHTINGS } from '../../lib/sightings/store';
import { TEAM_CHANNEL } from '../../lib/taxii/db';
import { shareSummary } from '../../lib/taxii/model';
import { originPattern } from '../../lib/taxii/server-address';
import { listen } from '../../platform/channel';
import { send } from '../../platform/messaging';
import { readSettings, updateSettings, watchSettings } from '../../platform/settings';

const incidentsDb = lazyOpen(openIncidentsDb);
const overlayDb = lazyOpen(openOverlayDb);
const sightings = lazyOpen(openSightingsDb);
/** The KB with the reader's own entities over it, for names, cards, facts and the STIX export (kept current below). */
const kb = new ReaderKb();
const facts = kb.facts;

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
  list: async () => listIncidents(await incidentsDb()),
  first: async (count) => listNewestIncidents(await incidentsDb(), count),
  problems: async () => listProblems(await incidentsDb()),
  send,
  name: (id) => kb.lookup.name(id),
  download: (fileName, text) => download(fileName, new Blob([text], { type: 'application/json' })),
  now: () => new Date(),
  subscribe: (onChange) => listen(CHANGES_CHANNEL, onChange),
  facts,
  lookup: (id) => kb.lookup.entity(id),
  findEntities: (query) => kb.find(query, 8).map(({ id, name, kind }) => ({ id, name, kind })),
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

/** "Your KB" reads the overlay straight from IndexedDB; the background writes it. */
const overlayApi: OverlayApi = {
  read: async () => (await readOverlay(await overlayDb())).overlay,
  write: (batch) => send({ type: 'overlay:write', batch }),
  subscribe: (onChange) => listen(OVERLAY_CHANNEL, onChange),
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
      (o) => kb.set(o),
      () => {},
    );
  refresh();
  listen(OVERLAY_CHANNEL, refresh); // for the page's whole life
}
followOverlay();

/** The Sightings view reads the store directly; clearing and saving go to the background. */
const sightingsApi: SightingsApi = {
  list: async () => listSightings(await sightings()),
  first: async (count) => listNewestSightings(await sightings(), count),
  clear: () => send({ type: 'sightings:clear' }),
  saveIncident: (draft) => send({ type: 'incidents:save', draft }),
  entity: (id) => {
    const found = kb.lookup.entity(id);
    return found ? { name: found.entity.name, kind: found.kind } : undefined;
  },
  mode: async () => (await readSettings()).sightings,
  setMode: async (mode) => void (await updateSettings({ op: 'set', values: { sightings: mode } })),
  keepQuery: async () => (await readSettings()).keepQuery,
  setKeepQuery: async (keepQuery) => void (await updateSettings({ op: 'set', values: { keepQuery } })),
  facts,
  cap: MAX_SIGHTINGS,
  subscribe: (onChange) => listen(SIGHTINGS_CHANNEL, onChange),
};

const watchlistApi: WatchlistApi = {
  settings: { read: readSettings, update: updateSettings, watch: watchSettings },
  card: (id) => kb.lookup.card(id),
  sightingCounts: async () => sightingCounts(await sightings()).catch(() => new Map()),
};

/** Team sharing: every call goes to the background, which alone talks to the server and keeps the secret. */
const teamApi: TeamApi = {
  state: () => send({ type: 'team:get' }),
  requestAccess: async (url) => {
    let origins: string[];
    try {
      origins = [originPattern(url)];
    } catch {
      return true; // Not an address: the background says so.
    }
    return browser.permissions.request({ origins });
  },
  releaseAccess: async (url) => void (await browser.permissions.remove({ origins: [originPattern(url)] })),
  probe: (discovery, auth) => send({ type: 'team:probe', discovery, auth }),
  connect: (req) => send({ type: 'team:connect', ...req }),
  forget: () => send({ type: 'team:forget' }),
  retry: () => send({ type: 'team:retry' }),
  pull: (apply) => send({ type: 'team:pull', apply }),
  subscribe: (onChange) => listen(TEAM_CHANNEL, onChange),
};
api.share = async (ids) => shareSummary(await send({ type: 'team:share', ids }));
api.teamReady = (onChange) => {
  const check = () =>
    void teamApi.state().then(
      (s) => onChange(!!s.server?.canWrite),
      () => onChange(false),
    );
  check();
  return teamApi.subscribe?.(check) ?? (() => {});
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
  {
    id: 'team',
    label: 'Team server',
    render: () => <TeamServer api={teamApi} />,
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
