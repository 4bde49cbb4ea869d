/**
 * Incidents at scale, in Node with fake-indexeddb standing in for the browser's IndexedDB (so the store
 * numbers are an indication, not the browser's): export and import of 10,000 incidents, and the
 * dashboard's filter + full-text search over 10,000.
 */
import 'fake-indexeddb/auto';
import { backupText, parseBackup } from '../../lib/backup/file';
import { openIncidentsDb } from '../../lib/incidents/db';
import { filterIncidents } from '../../lib/incidents/filter';
import type { Incident } from '../../lib/incidents/model';
import { importIncidents, previewImport } from '../../lib/incidents/store';
import { getEntity } from '../../lib/kb/index';
import { toStixBundle } from '../../lib/stix/incidents-bundle';

const COUNT = 10_000;
const ACTORS = ['apt31', 'apt28', 'apt29', 'apt41', 'lazarus-group'];
const TAGS = ['espionage', 'ministry', 'election', 'critical infrastructure', 'ransomware'];

function incident(n: number): Incident {
  const hex = n.toString(16).padStart(12, '0');
  const at = new Date(Date.UTC(2024, 0, 1) + n * 3_600_000).toISOString();
  return {
    id: `00000000-0000-4000-8000-${hex}`,
    createdAt: at,
    updatedAt: at,
    title: `Incident ${n}: intrusion into a ministry network`,
    url: `https://news${n % 40}.example/2024/story-${n}`,
    site: `news${n % 40}.example`,
    pageTitle: `Security news story ${n}`,
    quote: {
      exact: `The government said with a high degree of certainty that ${ACTORS[n % 5]} was behind intrusion ${n}, which began in 2022 and reached the mail servers of several ministries.`,
      prefix: 'previous sentence ends here. ',
      suffix: ' The next sentence follows.',
    },
    actorIds: [ACTORS[n % 5]!],
    agencyIds: n % 3 ? ['cn-mss'] : [],
    tags: [TAGS[n % 5]!, TAGS[(n + 2) % 5]!],
    notes: n % 7 ? '' : `Follow up with the CERT about case ${n}.`,
  };
}

async function time<T>(label: string, fn: () => T | Promise<T>): Promise<T> {
  const t = performance.now();
  const r = await fn();
  console.log(`${label.padEnd(52)} ${(performance.now() - t).toFixed(1).padStart(8)} ms`);
  return r;
}

const incidents = Array.from({ length: COUNT }, (_, i) => incident(i + 1));
const db = await openIncidentsDb('bench');
console.log(`incidents: ${COUNT} (store: fake-indexeddb in Node)`);
await importIncidents(db, incidents);

const all = await time('read all from the store', () => db.getAll('incidents'));
const text = await time('export JSON (serialize)', () => backupText(all, new Date()));
console.log(`${'  export size'.padEnd(52)} ${(text.length / 1024 / 1024).toFixed(1).padStart(8)} MB`);
await time('export STIX 2.1 bundle', () => JSON.stringify(toStixBundle(all)));

const fresh = await openIncidentsDb('bench-import');
const parsed = await time('import: parse + validate (valibot)', () => parseBackup(text));
if (!parsed.ok) throw new Error(parsed.error);
await time('import: dry run against an empty store', () => previewImport(fresh, parsed.incidents));
await time('import: write in one transaction', () => importIncidents(fresh, parsed.incidents));
await time('import again: everything unchanged', () => importIncidents(fresh, parsed.incidents));

const names = (id: string) => getEntity(id)?.entity.name ?? id;
await time('filter: first search (builds search text)', () =>
  filterIncidents(all, { query: 'ministry 2022' }, names),
);
const runs = 20;
const t = performance.now();
for (let i = 0; i < runs; i++) {
  filterIncidents(all, { query: `intrusion ${i}` }, names);
  filterIncidents(all, { actor: 'apt31', tag: 'espionage', from: '2024-03-01', to: '2024-09-30' }, names);
}
console.log(
  `${'filter: search or actor+tag+dates, mean of 40'.padEnd(52)} ${((performance.now() - t) / (runs * 2)).toFixed(2).padStart(8)} ms`,
);
db.close();
fresh.close();
