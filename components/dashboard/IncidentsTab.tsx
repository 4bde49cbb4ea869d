import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { exportFileName, type ImportReport } from '../../lib/backup/file';
import { countBy, filterIncidents, type IncidentFilter } from '../../lib/incidents/filter';
import type { Incident } from '../../lib/incidents/model';
import type { FactsOf } from '../../lib/overlay/sponsor-facts';
import type { BackupRequest, IncidentRequest, ResponseOf } from '../../lib/protocol';
import { toStixBundle } from '../../lib/stix/incidents-bundle';
import type { EntityLookup } from '../../lib/stix/objects';
import { countryName } from '../shared/country';
import { Choice, SearchBox, SiteAndDates } from '../shared/FilterBar';
import { ImportFileButton, type PendingImport, useImportFile } from '../shared/import-file';
import { newestThenAll } from '../shared/newest-first';
import { StatusRegion } from '../shared/StatusRegion';
import { Credits } from './Credits';
import { EditIncident, type EntityHit } from './EditIncident';
import { ImportSummary } from './ImportSummary';
import { IncidentList } from './IncidentList';

/** What the dashboard needs from the extension; a seam so tests run it without a browser. */
export interface IncidentsTabApi {
  /** Reads every incident, newest first (directly from IndexedDB on the extension origin). */
  list(): Promise<Incident[]>;
  /** Reads the newest `count` incidents and the total, painted while `list` reads the rest. */
  first?(count: number): Promise<{ incidents: Incident[]; total: number }>;
  /** Sends a write, or a backup export or import, to the background (the only writer, the one exporter). */
  send<T extends IncidentRequest | BackupRequest>(req: T): Promise<ResponseOf[T['type']]>;
  /** Display name of an actor or agency id. */
  name(id: string): string;
  /** Hands a file to the browser's downloads. */
  download(fileName: string, text: string): void;
  now(): Date;
  /** Stored records the current contract refuses (found by the v3 migration), to be edited or deleted. */
  problems?(): Promise<{ id: string; title: string; reason: string }[]>;
  /** Calls back when the store changed elsewhere (a capture in a page, another dashboard); returns unsubscribe. */
  subscribe?(onChange: () => void): () => void;
  /** Whom an id points at, for the sponsor state and agency filters the Insights charts set. */
  facts?: FactsOf;
  /** How the STIX export looks entities up (the KB with the reader's own over it); the bundled KB if absent. */
  lookup?: EntityLookup;
  /** Actors and agencies matching a typed name, for linking them in the edit form (absent: no linking). */
  findEntities?(query: string): EntityHit[];
}

type Status = { text: string; undo?: Incident[] };
type Pending = PendingImport<Extract<ImportReport, { ok: true }>>;

/** Rows painted before the whole store is read: more than the list's viewport shows. */
const FIRST_PAGE = 20;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The dashboard's Incidents tab: filters, search, list, edit, delete with undo, bulk tag, import, export.
 * `openId` opens one incident for editing (the page cards link to dashboard.html#<id>); `filter` is where
 * the filters start (a click on an Insights bar).
 */
export function IncidentsTab({
  api,
  openId,
  filter: initial,
}: {
  api: IncidentsTabApi;
  openId?: string;
  filter?: IncidentFilter;
}) {
  const [all, setAll] = useState<Incident[]>();
  const [preview, setPreview] = useState<{ incidents: Incident[]; total: number }>();
  const [loadError, setLoadError] = useState<string>();
  const [filter, setFilter] = useState<IncidentFilter>(initial ?? {});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<Incident>();
  const [status, setStatus] = useState<Status>();
  const [error, setError] = useState<string>();
  const [bulkTag, setBulkTag] = useState('');
  const [problems, setProblems] = useState<{ id: string; title: string; reason: string }[]>([]);
  const importFile = useImportFile((text) => api.send({ type: 'backup:import', text, apply: false }), {
    onStart: () => {
      setError(undefined);
      setStatus(undefined);
    },
    onError: setError,
  });
  const { pending, setPending } = importFile;

  const reload = () => {
    api.problems?.().then(setProblems, () => setProblems([]));
    return api.list().then(
      (list) => {
        setAll(list);
        setLoadError(undefined);
      },
      (e: unknown) => setLoadError(message(e)),
    );
  };
  useEffect(() => {
    let live = true;
    void newestThenAll({
      first: api.first,
      count: FIRST_PAGE,
      filtered: !!openId || Object.values(filter).some((v) => v),
      live: () => live,
      preview: setPreview,
      all: reload,
    });
    const unsubscribe = api.subscribe?.(() => void reload());
    return () => {
      live = false;
      unsubscribe?.();
    };
  }, []);
  // A link from a page's card (dashboard.html#<id>) opens that incident once the list is in.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || !all || !openId) return;
    opened.current = true;
    const found = all.find((i) => i.id === openId);
    if (found) setEditing(found);
  }, [all, openId]);

  const shown = useMemo(
    () => (all ? filterIncidents(all, filter, api.name, api.facts) : undefined),
    [all, filter],
  );
  // The preview is unfiltered: shown only until a filter is set or the whole store is in.
  const unfiltered = Object.values(filter).every((v) => !v);
  const listed = shown ?? (unfiltered ? preview?.incidents : undefined);
  const facets = useMemo(
    () => ({
      actors: countBy(all ?? [], 'actorIds'),
      agencies: countBy(all ?? [], 'agencyIds'),
      tags: countBy(all ?? [], 'tags'),
      sites: [...new Set((all ?? []).map((i) => i.site).filter(Boolean))].sort(),
    }),
    [all],
  );

  /** Runs a write; on failure shows the background's message (a full disk says so) and changes nothing. */
  const write = async (fn: () => Promise<Status | undefined>) => {
    setError(undefined);
    // The status line speaks of the latest action only: a failed one leaves no older success beside its error.
    setStatus(undefined);
    try {
      const s = await fn();
      if (s) setStatus(s);
    } catch (e) {
      setError(message(e));
    }
    await reload();
  };

  const remove = (ids: string[]) =>
    write(async () => {
      const gone = await api.send({ type: 'incidents:delete', ids });
      setSelected(new Set());
      return { text: `Deleted ${plural(gone.length, 'incident')}.`, undo: gone };
    });

  const undo = (incidents: Incident[]) =>
    write(async () => {
      await api.send({ type: 'incidents:restore', incidents });
      return { text: `Restored ${plural(incidents.length, 'incident')}.` };
    });

  const confirmImport = (p: Pending) =>
    write(async () => {
      setPending(undefined);
      const r = await api.send({ type: 'backup:import', text: p.text, apply: true });
      // The background's error says what was written and undone.
      if (!r.ok) throw new Error(`Import failed: ${r.error}`);
      return {
        text: `Imported ${p.fileName}: ${r.add} added, ${r.update} updated, ${r.unchanged + r.older} kept${
          r.watchlist ? `; ${r.watchlist.add} added to the watchlist` : ''
        }${r.overlay ? `; your KB: ${r.overlay.add} added, ${r.overlay.update} updated` : ''}.`,
      };
    });

  /** The JSON backup comes whole from the background (its three stores read there, however early the click). */
  const exportAs = async (kind: 'json' | 'stix') => {
    setError(undefined);
    const now = api.now();
    try {
      let count: number;
      let text: string;
      if (kind === 'json') {
        ({ text, incidents: count } = await api.send({ type: 'backup:export' }));
      } else {
        const list = all ?? [];
        text = `${JSON.stringify(toStixBundle(list, undefined, api.lookup), null, 2)}\n`;
        count = list.length;
      }
      api.download(exportFileName(kind, now), text);
      setStatus({
        text: `Exported ${plural(count, 'incident')} as ${kind === 'json' ? 'JSON' : 'STIX 2.1'}.`,
      });
    } catch (e) {
      setError(`Export failed: ${message(e)}`);
    }
  };

  const set = (key: keyof IncidentFilter) => (value: string | undefined) =>
    setFilter((f) => ({ ...f, [key]: value }));
  const shownIds = shown?.map((i) => i.id) ?? [];
  const allShownSelected = shownIds.length > 0 && shownIds.every((id) => selected.has(id));

  return (
    <main>
      <header class="top">
        <h1>APT Lens — incidents</h1>
        <div class="io">
          <ImportFileButton
            label="Import"
            inputLabel="Import file"
            accept=".json,application/json"
            flow={importFile}
          />
          <button type="button" onClick={() => void exportAs('json')}>
            Export JSON
          </button>
          <button type="button" onClick={() => void exportAs('stix')}>
            Export STIX 2.1
          </button>
        </div>
      </header>

      <StatusRegion error={error}>
        {status?.text}
        {status?.undo && status.undo.length > 0 && (
          <button type="button" onClick={() => void undo(status.undo!)}>
            Undo
          </button>
        )}
      </StatusRegion>
      {problems.length > 0 && (
        <section class="problems" aria-label="Incidents to fix">
          <p>
            {plural(problems.length, 'saved incident')} no longer fit the incidents format. They are kept as
            they were; edit or delete them:
          </p>
          <ul>
            {problems.map((p) => (
              <li key={p.id}>
                <button type="button" onClick={() => setEditing(all?.find((i) => i.id === p.id))}>
                  {p.title || p.id}
                </button>{' '}
                — {p.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
      {pending && (
        <ImportSummary
          fileName={pending.fileName}
          report={pending.report}
          onConfirm={() => void confirmImport(pending)}
          onCancel={() => setPending(undefined)}
        />
      )}
      {editing && (
        <EditIncident
          incident={editing}
          names={api.name}
          findEntities={api.findEntities}
          onCancel={() => setEditing(undefined)}
          onSave={(next) =>
            void write(async () => {
              await api.send({ type: 'incidents:update', incident: next });
              setEditing(undefined);
              return { text: 'Incident updated.' };
            })
          }
        />
      )}

      <div class="layout">
        <aside aria-label="Counts">
          <h2>Actors</h2>
          <ul class="counts">
            {facets.actors.map(([id, n]) => (
              <li key={id}>
                <button type="button" onClick={() => setFilter((f) => ({ ...f, actor: id }))}>
                  {api.name(id)} <span class="count">{n}</span>
                </button>
              </li>
            ))}
          </ul>
        </aside>
        <section class="main" aria-label="Incident list">
          <div class="filters">
            <SearchBox label="Search incidents" onValue={set('query')} />
            <Choice
              label="Actor"
              all="All actors"
              value={filter.actor}
              options={facets.actors.map(([id]) => [id, api.name(id)] as const)}
              onValue={set('actor')}
            />
            <Choice
              label="Agency"
              all="All agencies"
              value={filter.agency}
              options={facets.agencies.map(([id]) => [id, api.name(id)] as const)}
              onValue={set('agency')}
            />
            <Choice
              label="Tag"
              all="All tags"
              value={filter.tag}
              options={facets.tags.map(([t]) => [t, t] as const)}
              onValue={set('tag')}
            />
            <SiteAndDates sites={facets.sites} filter={filter} set={set} />
            {filter.country && (
              <button
                type="button"
                class="chip"
                onClick={() => setFilter((f) => ({ ...f, country: undefined }))}
              >
                Sponsor state: {countryName(filter.country)} ×
              </button>
            )}
            {filter.sponsor && (
              <button
                type="button"
                class="chip"
                onClick={() => setFilter((f) => ({ ...f, sponsor: undefined }))}
              >
                Sponsor agency: {api.name(filter.sponsor)} ×
              </button>
            )}
          </div>
          <div class="bulk">
            <label>
              <input
                type="checkbox"
                aria-label="Select all shown"
                checked={allShownSelected}
                onChange={(e) => setSelected(e.currentTarget.checked ? new Set(shownIds) : new Set())}
              />{' '}
              {shown
                ? `${shown.length} of ${all?.length ?? 0} shown`
                : preview && unfiltered
                  ? `the newest ${preview.incidents.length} of ${preview.total}; reading the rest…`
                  : ''}
              {selected.size > 0 ? `, ${selected.size} selected` : ''}
            </label>
            <input
              aria-label="Tag for selected"
              placeholder="tag"
              value={bulkTag}
              onInput={(e) => setBulkTag(e.currentTarget.value)}
            />
            <button
              type="button"
              disabled={selected.size === 0 || !bulkTag.trim()}
              onClick={() =>
                void write(async () => {
                  const n = await api.send({ type: 'incidents:tag', ids: [...selected], tag: bulkTag });
                  setBulkTag('');
                  return { text: `Tagged ${plural(n, 'incident')}.` };
                })
              }
            >
              Tag selected
            </button>
            <button type="button" disabled={selected.size === 0} onClick={() => void remove([...selected])}>
              Delete selected
            </button>
          </div>
          <IncidentList
            incidents={listed}
            error={loadError}
            storeEmpty={all ? all.length === 0 : preview ? preview.total === 0 : undefined}
            names={api.name}
            selected={selected}
            onSelect={(id, on) =>
              setSelected((s) => {
                const next = new Set(s);
                if (on) next.add(id);
                else next.delete(id);
                return next;
              })
            }
            onEdit={setEditing}
            onDelete={(i) => void remove([i.id])}
            onImport={importFile.choose}
          />
        </section>
      </div>
      <Credits />
    </main>
  );
}
