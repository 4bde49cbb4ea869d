// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { IncidentsTab, type IncidentsTabApi } from '../../components/dashboard/IncidentsTab';
import { backupText } from '../../lib/backup/file';
import { type BackupDeps, exportBackup, importBackup } from '../../lib/backup/service';
import { type IncidentsDb, listIncidents, listProblems, openIncidentsDb } from '../../lib/incidents/db';
import type { IncidentFilter } from '../../lib/incidents/filter';
import { importIncidents } from '../../lib/incidents/store';
import { handleIncidentRequest } from '../../lib/incidents-service';
import { OverlayLookup } from '../../lib/overlay/lookup';
import { type IncidentRequest, parseRequest } from '../../lib/protocol';
import { makeIncident, makeIncidents } from '../incidents/make';
import { ownActor } from '../overlay/make';

let n = 0;

/** The background's backup service over the test's database, with no watchlist or KB of its own. */
const backupDeps = (db: IncidentsDb): BackupDeps => ({
  incidents: async () => db,
  now: () => new Date('2025-05-28T12:00:00Z'),
  watchlist: { read: async () => [], add: async () => {}, remove: async () => {} },
  overlay: {
    read: async () => ({ entities: [], extensions: [] }),
    restore: async () => ({ add: 0, update: 0, unchanged: 0, names: [] }),
  },
});
/** The dashboard over a real (fake-indexeddb) store, with messages going through the same validation. */
async function setup(
  seed: Parameters<typeof importIncidents>[1] = [],
  openId?: string,
  misfits: { id: string; reason: string }[] = [],
  filter?: IncidentFilter,
  extra: Partial<IncidentsTabApi> = {},
) {
  const db: IncidentsDb = await openIncidentsDb(`dash-${++n}`);
  await importIncidents(db, seed);
  for (const p of misfits) await db.put('problems', p);
  const downloads: { fileName: string; text: string }[] = [];
  const api: IncidentsTabApi = {
    list: () => listIncidents(db),
    problems: () => listProblems(db),
    send: async (req) => {
      const parsed = parseRequest(JSON.parse(JSON.stringify(req)));
      if (parsed?.type === 'backup:export') return exportBackup(backupDeps(db)) as never;
      if (parsed?.type === 'backup:import')
        return importBackup(backupDeps(db), parsed.text, parsed.apply) as never;
      if (!parsed?.type.startsWith('incidents:')) throw new Error('malformed');
      return handleIncidentRequest(db, parsed as IncidentRequest) as never;
    },
    name: (id) => id.toUpperCase(),
    download: (fileName, text) => downloads.push({ fileName, text }),
    now: () => new Date('2025-05-28T12:00:00Z'),
    facts: (id) => (id === 'apt31' ? { kind: 'actor', country: 'CN', agency: 'cn-mss' } : undefined),
    ...extra,
  };
  render(<IncidentsTab api={api} openId={openId} filter={filter} />);
  return { db, downloads };
}

function pickFile(text: string, name = 'in.json') {
  const input = screen.getByLabelText('Import file') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [new File([text], name)], configurable: true });
  fireEvent.change(input);
}

afterEach(cleanup);

describe('IncidentsTab', () => {
  it('says so when the store is empty, and has the named controls', async () => {
    await setup();
    const empty = await screen.findByRole('region', { name: 'No incidents yet' });
    expect(empty.textContent).toContain('Save as incident');
    expect(empty.textContent).toContain('Alt+Shift+S');
    expect(empty.textContent).toContain('Save incident');
    expect(screen.getByRole('button', { name: 'Import a file' })).toBeTruthy();
    for (const name of ['Import', 'Export JSON', 'Export STIX 2.1'])
      expect(screen.getByRole('button', { name })).toBeTruthy();
    expect(screen.getByRole('searchbox', { name: 'Search incidents' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'About / credits' })).toBeTruthy();
  });

  it('renders only the rows in view at 10,000 incidents, and filters them', async () => {
    await setup(makeIncidents(10_000));
    await screen.findByText('10000 of 10000 shown');
    expect(document.querySelectorAll('li.incident').length).toBeLessThan(20);
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search incidents' }), {
      target: { value: 'passage 9999' },
    });
    await screen.findByText('1 of 10000 shown');
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search incidents' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Actor' }), { target: { value: 'apt31' } });
    await screen.findByText('5000 of 10000 shown');
  });

  it('starts from the filter an Insights bar set, a sponsor state as a chip that clears it', async () => {
    await setup(makeIncidents(6), undefined, [], { country: 'CN', from: '2025-05-01', to: '2025-05-31' });
    await screen.findByText('3 of 6 shown');
    expect((screen.getByLabelText('From date') as HTMLInputElement).value).toBe('2025-05-01');
    fireEvent.click(screen.getByRole('button', { name: 'Sponsor state: China ×' }));
    await screen.findByText('6 of 6 shown');
  });

  it('paints the newest incidents first, then the whole store', async () => {
    let release = () => {};
    const gate = new Promise<void>((ok) => {
      release = ok;
    });
    const all = makeIncidents(30);
    render(
      <IncidentsTab
        api={{
          list: async () => {
            await gate;
            return all;
          },
          first: async (count) => ({ incidents: all.slice(0, count), total: all.length }),
          send: async () => {
            throw new Error('no writes here');
          },
          name: (id) => id,
          download: () => {},
          now: () => new Date(),
        }}
      />,
    );
    await screen.findByText(/the newest 20 of 30; reading the rest/);
    expect(document.querySelectorAll('li.incident').length).toBeGreaterThan(0);
    release();
    await screen.findByText('30 of 30 shown');
  });

  it('opens the incident a page card links to', async () => {
    const target = makeIncident(2);
    await setup([makeIncident(1), target], target.id);
    const form = await screen.findByRole('form', { name: 'Edit incident' });
    expect((form.querySelector('input') as HTMLInputElement).value).toBe(target.title);
  });

  it('lists stored incidents the contract refuses, and opens one to fix it', async () => {
    const bad = makeIncident(2, { title: 'Old link', url: 'javascript:alert(1)' });
    await setup([makeIncident(1), bad], undefined, [{ id: bad.id, reason: 'url: old' }]);
    const notice = await screen.findByRole('region', { name: 'Incidents to fix' });
    expect(notice.textContent).toMatch(/1 saved incident no longer fit/);
    expect(notice.textContent).toMatch(/url: not an http: or https: URL/);
    fireEvent.click(screen.getByRole('button', { name: 'Old link' }));
    const form = await screen.findByRole('form', { name: 'Edit incident' });
    expect(form.querySelector('a')).toBeNull(); // the javascript: URL is shown as text, not as a link
  });

  it('deletes with undo', async () => {
    const { db } = await setup([makeIncident(1), makeIncident(2)]);
    await screen.findByText('2 of 2 shown');
    fireEvent.click(screen.getByRole('button', { name: 'Delete Incident 1' }));
    await screen.findByText('Deleted 1 incident.');
    expect(await db.count('incidents')).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Restored 1 incident.');
    expect(await db.count('incidents')).toBe(2);
  });

  it('edits and bulk-tags', async () => {
    const { db } = await setup([makeIncident(1), makeIncident(2)]);
    await screen.findByText('2 of 2 shown');
    fireEvent.click(screen.getByRole('button', { name: 'Edit Incident 1' }));
    fireEvent.input(screen.getByLabelText('Notes'), { target: { value: 'checked with NÚKIB' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Incident updated.');
    expect((await db.get('incidents', makeIncident(1).id))!.notes).toBe('checked with NÚKIB');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
    fireEvent.input(screen.getByLabelText('Tag for selected'), { target: { value: 'Reviewed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tag selected' }));
    await screen.findByText('Tagged 2 incidents.');
    expect((await listIncidents(db)).every((i) => i.tags.includes('reviewed'))).toBe(true);
  });

  it('links and unlinks actors and agencies in the edit form', async () => {
    const kb = [
      { id: 'apt28', name: 'APT28', kind: 'actor' as const },
      { id: 'cz-nukib', name: 'NÚKIB', kind: 'agency' as const },
    ];
    const { db } = await setup([makeIncident(1)], undefined, [], undefined, {
      findEntities: (q) => kb.filter((e) => e.name.toLowerCase().startsWith(q.toLowerCase())),
    });
    await screen.findByText('1 of 1 shown');
    fireEvent.click(screen.getByRole('button', { name: 'Edit Incident 1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Unlink APT31' }));
    const box = screen.getByLabelText('Link another');
    fireEvent.input(box, { target: { value: 'nú' } });
    fireEvent.click(screen.getByRole('button', { name: 'NÚKIB agency' }));
    fireEvent.input(box, { target: { value: 'apt2' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(screen.queryByText('Incident updated.')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Incident updated.');
    const saved = (await db.get('incidents', makeIncident(1).id))!;
    expect(saved.actorIds).toEqual(['apt28']);
    expect(saved.agencyIds).toEqual(['cn-mss', 'cz-nukib']);
  });

  it('shows who attributed each incident in its row', async () => {
    await setup([
      makeIncident(1, { attribution: { claimant: 'Czech government', confidence: '' } }),
      makeIncident(2, {
        claims: [
          {
            kind: 'sanction',
            claimants: [{ name: 'United States' }, { name: 'United Kingdom' }],
            accusedId: 'apt31',
            accusedName: 'APT31',
            confidence: '',
            sentence: '',
          },
        ],
      }),
      makeIncident(3),
    ]);
    await screen.findByText('3 of 3 shown');
    expect([...document.querySelectorAll('.incident .claimant')].map((c) => c.textContent).sort()).toEqual([
      'By Czech government',
      'By United States and United Kingdom',
    ]);
  });

  it('names the reader’s own actors in the STIX export through the lookup it is given', async () => {
    const overlay = new OverlayLookup({ entities: [ownActor()], extensions: [] });
    const { downloads } = await setup(
      [makeIncident(1, { actorIds: ['ours-unc-acme-7'] })],
      undefined,
      [],
      undefined,
      { lookup: (id) => overlay.entity(id) },
    );
    await screen.findByText('1 of 1 shown');
    fireEvent.click(screen.getByRole('button', { name: 'Export STIX 2.1' }));
    const bundle = JSON.parse(downloads[0]!.text) as { objects: { type: string; name?: string }[] };
    expect(bundle.objects.find((o) => o.type === 'intrusion-set')?.name).toBe('UNC-ACME-7');
  });

  it('exports JSON named with the date, and imports after a dry-run summary', async () => {
    const { db, downloads } = await setup([makeIncident(1)]);
    await screen.findByText('1 of 1 shown');
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    await screen.findByText('Exported 1 incident as JSON.');
    fireEvent.click(screen.getByRole('button', { name: 'Export STIX 2.1' }));
    expect(downloads.map((d) => d.fileName)).toEqual([
      'apt-lens-incidents-2025-05-28.json',
      'apt-lens-incidents-2025-05-28.stix.json',
    ]);
    pickFile(backupText([makeIncident(1), makeIncident(2)], new Date()));
    await screen.findByText('1 new');
    expect(await db.count('incidents')).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: 'Confirm import' }));
    await screen.findByText(/Imported in.json: 1 added/);
    expect(await db.count('incidents')).toBe(2);
  });

  it('shows a clear error for a malformed import and changes nothing', async () => {
    const { db } = await setup([makeIncident(1)]);
    await screen.findByText('1 of 1 shown');
    pickFile('{"format":"apt-lens.incidents","version":1,"incid');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(/Import failed: The file is not valid JSON/),
    );
    expect(await db.count('incidents')).toBe(1);
  });

  it('shows HTML and script in every text field as text', async () => {
    const evil = '<img src=x onerror="globalThis.pwned=1"><script>globalThis.pwned=2</script>';
    await setup([
      makeIncident(1, {
        title: evil,
        pageTitle: evil,
        notes: evil,
        tags: [evil],
        quote: { exact: evil, prefix: '', suffix: '' },
      }),
    ]);
    await screen.findByText('1 of 1 shown');
    expect(document.body.textContent).toContain(evil);
    expect(document.querySelector('main img, main script')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: `Edit ${evil}` }));
    expect(document.querySelector('main img, main script')).toBeNull();
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });
});

describe('IncidentsTab daily use', () => {
  it('closes the edit form with Escape, from a field or from the list', async () => {
    await setup([makeIncident(1)]);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Incident 1' }));
    const title = screen.getByLabelText('Title');
    await waitFor(() => expect(document.activeElement).toBe(title));
    fireEvent.keyDown(title, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit incident' })).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Edit Incident 1' }));
    await screen.findByRole('form', { name: 'Edit incident' });
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit incident' })).toBeNull());
  });

  it('shows every tag of a row as its own chip', async () => {
    const tags = ['espionage', 'ministry', 'czechia', 'exchange', 'phishing', 'a-very-long-tag-name-indeed'];
    await setup([makeIncident(1, { tags })]);
    const row = await screen.findByRole('list', { name: 'Tags' });
    expect([...row.querySelectorAll('.tag')].map((t) => t.textContent)).toEqual(tags);
  });

  it('never leaves the previous import’s message beside a new import', async () => {
    await setup();
    await screen.findByRole('region', { name: 'No incidents yet' });
    pickFile(backupText([makeIncident(1)], new Date('2025-05-28T12:00:00Z')), 'first.json');
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm import' }));
    const status = () => document.querySelector('.status')!.textContent!;
    await waitFor(() => expect(status()).toContain('Imported first.json'));
    pickFile('{ not json', 'second.json');
    await screen.findByRole('alert');
    expect(status()).not.toContain('first.json');
  });
});
