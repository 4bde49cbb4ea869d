import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Dashboard, type DashboardApi } from '../../components/dashboard/Dashboard';
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

render(
  <Dashboard api={api} openId={decodeURIComponent(location.hash.slice(1)) || undefined} />,
  document.getElementById('app')!,
);
