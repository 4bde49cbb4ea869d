/**
 * The background's team sharing wired to the browser: the service of `lib/team-service.ts` with the
 * browser's `fetch` (no cookies, no cache), the team database, the incidents and the reader's KB it shares
 * from, and the channel on which open extension pages hear that something changed.
 */
import type { IncidentsDb } from '../lib/incidents/db';
import type { Incident } from '../lib/incidents/model';
import { lazyOpen } from '../lib/lazy-open';
import { importIntoOverlay } from '../lib/overlay/import/service';
import type { OverlayService } from '../lib/overlay/service';
import { openTeamDb, TEAM_CHANNEL } from '../lib/taxii/db';
import { TeamService } from '../lib/team-service';

/** The team service of the background, its database opened once and reopened if opening failed. */
export function backgroundTeam(
  incidentsDb: () => Promise<IncidentsDb>,
  overlay: OverlayService,
): TeamService {
  // Opened on the first change, not when the module loads (the build evaluates this file in Node).
  let channel: BroadcastChannel | undefined;
  return new TeamService({
    db: lazyOpen(() => openTeamDb()),
    fetch: (url, init) => fetch(url, { ...init, credentials: 'omit', cache: 'no-store', redirect: 'error' }),
    now: () => new Date(),
    async incidents(ids) {
      const store = await incidentsDb();
      const found = await Promise.all(ids.map((id) => store.get('incidents', id)));
      return found.filter((i): i is Incident => i !== undefined);
    },
    lookup: async () => {
      const lookup = await overlay.lookup();
      return (id: string) => lookup.entity(id);
    },
    importOverlay: (text, apply) => importIntoOverlay(overlay, text, apply),
    announce: () => {
      channel ??= new BroadcastChannel(TEAM_CHANNEL);
      channel.postMessage('changed');
    },
    schedule: (fn, ms) => void setTimeout(fn, ms),
  });
}
