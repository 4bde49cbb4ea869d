import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Dashboard, type DashboardApi } from '../../components/dashboard/Dashboard';
import { type DashboardPlace, type DashboardTab, TabbedDashboard } from '../../components/dashboard/Tabs';
import {
  CHANGES_CHANNEL,
  type IncidentsDb,
  listIncidents,
  listProblems,
  openIncidentsDb,
} from '../../lib/incidents/db';
import { getEntity } from '../../lib/kb/index';

let db: Promise<IncidentsDb> | undefined;

/** Reads come straight from IndexedDB on the extension origin; writes go to the background. */
const api: DashboardApi = {
  list: async () => {
    db ??= openIncidentsDb();
    return listIncidents(await db);
  },
  problems: async () => {
    db ??= openIncidentsDb();
    return listProblems(await db);
  },
  send: (req) => browser.runtime.sendMessage(req) as never,
  name: (id) => getEntity(id)?.entity.name ?? id,
  download(fileName, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    // Give the browser time to start the download before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
  now: () => new Date(),
  subscribe(onChange) {
    const channel = new BroadcastChannel(CHANGES_CHANNEL);
    channel.onmessage = onChange;
    return () => channel.close();
  },
};

/** The dashboard's views, in tab order. */
const tabs: DashboardTab[] = [
  {
    id: 'incidents',
    label: 'Incidents',
    render: () => <Dashboard api={api} openId={decodeURIComponent(location.hash.slice(1)) || undefined} />,
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
