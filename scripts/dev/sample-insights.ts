/**
 * A year of made-up reading for the Insights screenshot (`npm start -- --headless --insights-screenshot`):
 * incidents spread over months, actors, sponsors and tags, in the export format so they go in through the
 * ordinary import. Deterministic, so the picture only changes when the view does.
 */
import { backupText } from '../../lib/backup/file';
import type { Incident } from '../../lib/incidents/model';

/** Actors with the weight they get, and the tags their incidents carry. */
const CAST: [string, number, string[]][] = [
  ['apt31', 9, ['espionage', 'ministry']],
  ['volt-typhoon', 7, ['critical infrastructure']],
  ['apt28', 6, ['election', 'espionage']],
  ['apt29', 5, ['espionage', 'diplomacy']],
  ['lazarus-group', 4, ['crypto theft']],
  ['sandworm-team', 3, ['critical infrastructure', 'wiper']],
  ['apt33', 2, ['espionage']],
];

/** The sample incidents as an export file's text. */
export function insightsSampleExport(now: Date): string {
  const list: Incident[] = [];
  let n = 0;
  for (let month = 0; month < 12; month++) {
    CAST.forEach(([actor, weight, tags], k) => {
      // A weight-driven, month-varying count: some months are busier for some actors.
      const count = Math.max(0, Math.round(weight / 3 + Math.sin(month + k * 1.7) * 1.6));
      for (let i = 0; i < count; i++) {
        n += 1;
        const at = new Date(Date.UTC(2025, month, 2 + ((i * 7 + k * 3) % 26), 9)).toISOString();
        list.push({
          id: `5a3e0c1e-7d2b-4c4a-9f1e-${n.toString(16).padStart(12, '0')}`,
          createdAt: at,
          updatedAt: at,
          title: `Sample ${n}: ${actor} in the news`,
          url: `http://127.0.0.1/demo/?sample=${n}`,
          site: '127.0.0.1',
          pageTitle: 'Demo Ledger',
          quote: {
            exact: `A sample passage naming ${actor}, saved for the Insights picture.`,
            prefix: '',
            suffix: '',
          },
          actorIds: [actor],
          agencyIds: [],
          tags: tags.slice(0, 1 + (i % tags.length)),
          notes: '',
        });
      }
    });
  }
  return backupText(list, now);
}
