import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Dashboard, type DashboardApi } from '../../components/dashboard/Dashboard';
import { type DashboardPlace, type DashboardTab, TabbedDashboard } from '../../components/dashboard/Tabs';
import type { InsightsApi } from '../../components/insights/Insights';
import { LazyInsights } from '../../components/insights/LazyInsights';
import { type OverlayApi, OverlayEditor } from '../../components/overlay/OverlayEditor';
import {
  CHANGES_CHANNEL,
  type IncidentsDb,
  listIncidents,
  listNewestIncidents,
  listProblems,
  openIncidentsDb,
} from '../../lib/incidents/db';
import { drillFromArg, drillToArg, incidentFilterOf } from '../../lib/insights/drill';
import { type FactsOf, kbFacts } from '../../lib/insights/pointing';
import { getEntity, loadKb } from '../../lib/kb/index';
import { OVERLAY_CHANNEL, type OverlayDb, openOverlayDb, readOverlay } from '../../lib/overlay/db';

let db: Promise<IncidentsDb> | undefined;
let kbFactsOf: FactsOf | undefined;
/** Sponsor facts, indexed on first use (a filter or a chart), not while the dashboard opens. */
const facts: FactsOf = (id) => {
  kbFactsOf ??= kbFacts(loadKb());
  return kbFactsOf(id);
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
const api: DashboardApi = {
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
  send: (req) => browser.runtime.sendMessage(req) as never,
  name: (id) => getEntity(id)?.entity.name ?? id,
  download: (fileName, text) => download(fileName, new Blob([text], { type: 'application/json' })),
  now: () => new Date(),
  subscribe(onChange) {
    const channel = new BroadcastChannel(CHANGES_CHANNEL);
    channel.onmessage = onChange;
    return () => channel.close();
  },
  facts,
};

/** The Insights view reads both stores itself, when its tab opens. */
const insightsApi: InsightsApi = {
  incidents: api.list,
  sightings: async () => [],
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
  write: (batch) => browser.runtime.sendMessage({ type: 'overlay:write', batch }) as never,
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

/** The dashboard's views, in tab order. */
const tabs: DashboardTab[] = [
  {
    id: 'incidents',
    label: 'Incidents',
    render: (arg) => (
      <Dashboard
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
    id: 'your-kb',
    label: 'Your KB',
    render: () => <OverlayEditor api={overlayApi} />,
  },
];

/** The view in the address (`?tab=<id>&arg=<entity id>`), so a reload or a link opens the same one. */
function placeInUrl(): DashboardPlace {
  const q = new URLSearchParams(location.search);
  return { tab: q.get('tab') ?? 'incidents', arg: q.get('arg') ?? undefined };
}

function rememberPlace(place: DashboardPlace): void {
  const q = new URLSearchParams({ tab: place.tab });
  if (place.arg) q.set('arg', place.arg);
  history.replaceState(null, '', `?${q}`);
}

render(
  <TabbedDashboard tabs={tabs} initial={placeInUrl()} onPlace={rememberPlace} />,
  document.getElementById('app')!,
);
