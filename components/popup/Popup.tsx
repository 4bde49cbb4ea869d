import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Mentioning } from '../../lib/incidents/mentioning';
import type { EntityCardData } from '../../lib/kb/card-data';
import type { Search, SearchFilter } from '../../lib/kb/search';
import { isWatched, type Settings } from '../../lib/settings';
import type { SettingsChange } from '../../lib/settings-change';
import { Controls } from './Controls';
import { Detail } from './Detail';
import { PageReport, type ReportApi } from './PageReport';
import { type PageClient, PageSummary } from './PageSummary';
import { SearchPanel } from './SearchPanel';

/** The knowledge base side of the popup, loaded after the first paint so the box is usable at once. */
export interface PopupKb {
  search: Search;
  facets: { countries: string[]; vendors: string[] };
  card(id: string): EntityCardData | null;
}

/** Everything the popup needs from the extension; a seam so component tests need no browser. */
export interface PopupApi {
  loadKb(): Promise<PopupKb>;
  page: PageClient;
  /** The page as a STIX report: what the page gives, download, save as incident. */
  report: ReportApi;
  settings: {
    read(): Promise<Settings>;
    update(change: SettingsChange): Promise<Settings>;
    watch(fn: (s: Settings) => void): () => void;
  };
  incidents(kind: 'actor' | 'agency', id: string): Promise<Mentioning | undefined>;
  openDashboard(): void;
  kbVersion: { version: string; newestFact: string };
  /** Called once the search box has focus (the benchmark's "interactive" mark). */
  onInteractive?(): void;
  /** Called once the search index is built. */
  onSearchReady?(): void;
}

/** How long a resumed page needs to rescan before its summary is worth asking for again. */
const RESCAN_MS = 300;

/** The popup: search (or the page summary while the box is empty), the detail view, and the controls. */
export function Popup({ api }: { api: PopupApi }) {
  const [kb, setKb] = useState<PopupKb>();
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<SearchFilter>({});
  const [open, setOpen] = useState<string>();
  const [settings, setSettings] = useState<Settings>();
  const [site, setSite] = useState<string>();
  const [summaryKey, setSummaryKey] = useState(0);
  const [onPage, setOnPage] = useState<ReadonlySet<string>>();
  const [reporting, setReporting] = useState(false);

  // The search panel's layout effect has focused the box by now (children's effects run first).
  useLayoutEffect(() => api.onInteractive?.(), []);

  useEffect(() => {
    void api.loadKb().then((k) => {
      setKb(k);
      api.onSearchReady?.();
    });
    void api.settings.read().then(setSettings);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unwatch = api.settings.watch((s) => {
      setSettings(s);
      clearTimeout(timer);
      timer = setTimeout(() => setSummaryKey((k) => k + 1), RESCAN_MS);
    });
    return () => {
      unwatch();
      clearTimeout(timer);
    };
  }, []);

  // The Escape handler reads the view as rendered, not as of its last effect run: an Escape right after
  // Enter opened a result would otherwise see no detail and clear the search box instead of going back.
  const view = useRef({ open, query, reporting });
  view.current = { open, query, reporting };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      if (view.current.reporting) setReporting(false);
      else if (view.current.open) setOpen(undefined);
      else if (view.current.query) setQuery('');
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const watchlist = useMemo(() => new Set(settings?.watchlist), [settings?.watchlist]);
  const update = (change: SettingsChange) => void api.settings.update(change).then(setSettings);

  return (
    <main class="popup">
      {reporting ? (
        <PageReport api={api.report} onBack={() => setReporting(false)} openDashboard={api.openDashboard} />
      ) : open ? (
        <Detail
          data={kb?.card(open) ?? null}
          incidents={api.incidents}
          openDashboard={api.openDashboard}
          onBack={() => setOpen(undefined)}
          watched={settings ? isWatched(settings, open) : undefined}
          onWatch={(watched) => update({ op: 'watch', id: open, watched })}
        />
      ) : (
        <SearchPanel
          search={kb?.search}
          facets={kb?.facets}
          query={query}
          onQuery={setQuery}
          filter={filter}
          onFilter={setFilter}
          onOpen={setOpen}
          prefer={onPage}
          watched={watchlist}
          onWatch={settings ? (id, watched) => update({ op: 'watch', id, watched }) : undefined}
          idle={
            <PageSummary
              key={summaryKey}
              page={api.page}
              onSite={setSite}
              onEntities={setOnPage}
              watched={watchlist}
              onReport={() => setReporting(true)}
            />
          }
        />
      )}
      <Controls
        settings={settings}
        site={site}
        update={update}
        openDashboard={api.openDashboard}
        kb={api.kbVersion}
      />
    </main>
  );
}
