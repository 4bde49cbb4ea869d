/**
 * A few incidents written for the dashboard's screenshot (`npm start -- --headless --dashboard-screenshot`):
 * original text about the demo story, in the export format, so they go in through the ordinary import.
 */
import { backupText } from '../../lib/backup/file';
import type { Incident } from '../../lib/incidents/model';

const at = (day: number) => `2025-05-${String(day).padStart(2, '0')}T09:00:00.000Z`;

function incident(n: number, over: Partial<Incident> & Pick<Incident, 'title' | 'quote'>): Incident {
  return {
    id: `5a3e0c1e-7d2b-4c4a-9f1e-00000000000${n}`,
    createdAt: at(20 + n),
    updatedAt: at(20 + n),
    url: `http://127.0.0.1/demo/?story=${n}`,
    site: '127.0.0.1',
    pageTitle: 'Demo Ledger',
    actorIds: [],
    agencyIds: [],
    tags: [],
    notes: '',
    ...over,
  };
}

/** The sample incidents as an export file's text. */
export function sampleExport(now: Date): string {
  return backupText(
    [
      incident(1, {
        title: 'Czech government blames APT31 for ministry intrusion',
        quote: {
          exact:
            'The Czech government has publicly blamed APT31, a hacking group it links to China’s Ministry of State Security, for a campaign against an unclassified network of the Czech Ministry of Foreign Affairs.',
          prefix: '',
          suffix: ' Officials said',
        },
        actorIds: ['apt31'],
        agencyIds: ['cn-mss'],
        tags: ['espionage', 'ministry', 'czechia', 'government-attribution'],
        occurredAt: '2025-05-28',
        attribution: { claimant: 'Czech government', confidence: 'a high degree of certainty' },
      }),
      incident(2, {
        title: 'NÚKIB: correspondence stolen, classified systems untouched',
        quote: {
          exact:
            'NÚKIB said the attackers had stolen internal correspondence but had not reached the ministry’s classified systems.',
          prefix: 'intelligence services. ',
          suffix: '',
        },
        actorIds: ['apt31'],
        agencyIds: ['cz-nukib'],
        tags: ['espionage', 'czechia'],
      }),
      incident(3, {
        title: 'European governments accuse APT28 of targeting ministries',
        quote: {
          exact:
            'A separate group known as APT28 or Fancy Bear, which several European governments have accused of targeting ministries, was not involved.',
          prefix: '',
          suffix: '',
        },
        actorIds: ['apt28'],
        tags: ['espionage', 'europe'],
      }),
    ],
    now,
  );
}
