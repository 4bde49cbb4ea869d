import { useEffect, useState } from 'preact/hooks';
import type { PageEntity, PageSummary as Summary } from '../../lib/protocol';
import { S } from './strings';

/** The popup's line to the active tab; a seam so tests use a fake tab. */
export interface PageClient {
  /** The tab's summary, or undefined when no content script answers (not granted, or not injectable). */
  summary(): Promise<Summary | undefined>;
  /** Scrolls the tab to the next mention of `id`, flashes it and opens its card. */
  reveal(id: string): Promise<boolean>;
  /** Injects the content script on demand (the activeTab path); false when the browser refuses. */
  read(): Promise<boolean>;
}

type State =
  | { kind: 'loading' }
  | { kind: 'absent' }
  | { kind: 'reading' }
  | { kind: 'refused' }
  | { kind: 'ready'; summary: Summary };

function Group({ title, list, onPick }: { title: string; list: PageEntity[]; onPick(id: string): void }) {
  if (list.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul class="page-list">
        {list.map((e) => (
          <li key={e.id}>
            <button
              type="button"
              class={`page-entity kind-${e.kind}`}
              data-id={e.id}
              onClick={() => onPick(e.id)}
            >
              <span class="page-name">{e.name}</span>
              <span class="page-count" title={S.pageMentions(e.count)}>
                {e.count}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * What the active tab names: watched entities, then actors, then agencies, each in order of first
 * appearance, with counts.
 * Says plainly when the page is paused or cannot be read, and offers to read it on demand.
 */
export function PageSummary({
  page,
  onSite,
  onEntities,
  onReport,
  watched = new Set(),
}: {
  page: PageClient;
  /** Opens the page report view (offered when the page names something). */
  onReport?(): void;
  onSite?(site: string): void;
  /** Entity ids on the watchlist: listed first, under their own heading. */
  watched?: ReadonlySet<string>;
  /** The ids the page names, for the search to rank first. */
  onEntities?(ids: ReadonlySet<string>): void;
}) {
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = async (): Promise<boolean> => {
    const summary = await page.summary();
    if (!summary) return false;
    setState({ kind: 'ready', summary });
    if (summary.site) onSite?.(summary.site);
    onEntities?.(new Set(summary.entities.map((e) => e.id)));
    return true;
  };
  useEffect(() => {
    void load().then((ok) => {
      if (!ok) setState({ kind: 'absent' });
    });
  }, [page]);

  const read = async () => {
    setState({ kind: 'reading' });
    if (!(await page.read())) return setState({ kind: 'refused' });
    // The injected script answers once it has read its settings and scanned: ask a few times.
    for (let i = 0; i < 20; i++) {
      if (await load()) return;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    setState({ kind: 'refused' });
  };

  return (
    <section class="page" aria-labelledby="page-heading">
      <h2 id="page-heading">{S.pageHeading}</h2>
      {state.kind === 'loading' && <p class="note">{S.pageLoading}</p>}
      {(state.kind === 'absent' || state.kind === 'reading') && (
        <div class="notice" role="status">
          <p>{S.pageNotRead}</p>
          <p class="note">{S.pageNotReadWhy}</p>
          <button type="button" onClick={read} disabled={state.kind === 'reading'}>
            {state.kind === 'reading' ? S.pageReading : S.pageRead}
          </button>
        </div>
      )}
      {state.kind === 'refused' && (
        <p class="notice" role="status">
          {S.pageCannot}
        </p>
      )}
      {state.kind === 'ready' && state.summary.status === 'paused' && (
        <p class="notice" role="status">
          {S.pagePaused}
        </p>
      )}
      {state.kind === 'ready' &&
        state.summary.status === 'active' &&
        (state.summary.entities.length === 0 ? (
          <p class="note">{S.pageEmpty}</p>
        ) : (
          <>
            <p class="note">{S.pageJumpHint}</p>
            <Group
              title={S.pageWatched}
              list={state.summary.entities.filter((e) => watched.has(e.id))}
              onPick={(id) => void page.reveal(id)}
            />
            <Group
              title={S.pageActors}
              list={state.summary.entities.filter((e) => e.kind === 'actor' && !watched.has(e.id))}
              onPick={(id) => void page.reveal(id)}
            />
            <Group
              title={S.pageAgencies}
              list={state.summary.entities.filter((e) => e.kind === 'agency' && !watched.has(e.id))}
              onPick={(id) => void page.reveal(id)}
            />
            {onReport && (
              <button type="button" class="page-report" onClick={onReport}>
                {S.pageReport}
              </button>
            )}
          </>
        ))}
    </section>
  );
}
