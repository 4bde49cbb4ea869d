import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isOverlayId } from '../../lib/kb/entity-id';
import type { Search, SearchFilter, SearchResult } from '../../lib/kb/search';
import { countryName } from '../shared/country';
import { S } from './strings';

/** A result read out: its name, the name it matched, kind and country. */
function describeHit(h: SearchResult): string {
  return [
    h.name,
    h.matched !== h.name ? S.matchedAs(h.matched) : '',
    h.kind === 'actor' ? S.kindActor : S.kindAgency,
    h.country ? countryName(h.country) : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** How many hits the popup lists: more than fit, fewer than would slow a keystroke. */
const LIMIT = 30;

/** Props: the search function arrives when the index is built (undefined until then). */
export interface SearchPanelProps {
  search: Search | undefined;
  facets: { countries: string[]; vendors: string[] } | undefined;
  query: string;
  onQuery(query: string): void;
  filter: SearchFilter;
  onFilter(filter: SearchFilter): void;
  /** Opens the detail view of an entity. */
  onOpen(id: string): void;
  /** Shown in the results area while the box is empty (the page summary). */
  idle?: ComponentChildren;
  /** Ids the reader's page names: ranked first among equally good hits. */
  prefer?: ReadonlySet<string>;
  /** The watchlist, and starring or unstarring a result (a pointer shortcut; the detail view has it too). */
  watched?: ReadonlySet<string>;
  onWatch?(id: string, on: boolean): void;
}

/**
 * The search box and its results, combobox-style: focus stays in the box, arrows move the active result,
 * Enter opens it. The first result is active as soon as results appear (so ↓ goes to the second), what is
 * shown selected is always what Enter opens, and a live region reads the active result out. The results
 * area has a fixed height so nothing below it jumps while typing.
 */
export function SearchPanel(props: SearchPanelProps) {
  const { search, facets, query, onQuery, filter, onFilter, onOpen, idle, prefer, watched, onWatch } = props;
  const hits = useMemo(
    () => (search ? search(query, LIMIT, prefer ? { ...filter, prefer } : filter) : []),
    [search, query, filter, prefer],
  );
  // The active index belongs to one list of hits: new hits start at the first one in the same render, so
  // no key can reach a stale index between a keystroke and an effect.
  const [cursor, setCursor] = useState({ hits, index: 0 });
  const active = cursor.hits === hits ? cursor.index : 0;
  const setActive = (index: number) => setCursor({ hits, index });
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  // Browsers send mousemove when the list changes under a still pointer; only a real move picks a row.
  const pointer = useRef<{ x: number; y: number } | undefined>(undefined);

  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  // Focus right after the first commit, not after a frame: the box takes keys from the first moment.
  useLayoutEffect(() => {
    input.current?.focus();
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (hits.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + hits.length) % hits.length);
    } else if (e.key === 'Enter') {
      const hit = hits[active];
      if (hit) {
        e.preventDefault();
        onOpen(hit.id);
      }
    }
  };

  const showing = query.trim() !== '';
  const current = hits[active];
  return (
    <section class="search">
      <input
        ref={input}
        type="search"
        aria-label={S.searchLabel}
        aria-controls="results"
        aria-autocomplete="list"
        aria-activedescendant={hits[active] ? `hit-${hits[active].id}` : undefined}
        placeholder={S.searchPlaceholder}
        value={query}
        autocomplete="off"
        spellcheck={false}
        onInput={(e) => onQuery((e.target as HTMLInputElement).value)}
        onKeyDown={onKeyDown}
      />
      <fieldset class="filters">
        <legend class="sr-only">{S.filtersLabel}</legend>
        <label>
          {S.filterKind}{' '}
          <select
            value={filter.kind ?? ''}
            onChange={(e) => {
              const v = (e.target as HTMLSelectElement).value;
              onFilter({ ...filter, kind: v === 'actor' || v === 'agency' ? v : undefined });
            }}
          >
            <option value="">{S.filterAny}</option>
            <option value="actor">{S.filterActors}</option>
            <option value="agency">{S.filterAgencies}</option>
          </select>
        </label>
        <label>
          {S.filterCountry}{' '}
          <select
            value={filter.country ?? ''}
            onChange={(e) =>
              onFilter({ ...filter, country: (e.target as HTMLSelectElement).value || undefined })
            }
          >
            <option value="">{S.filterAny}</option>
            {facets?.countries.map((c) => (
              <option key={c} value={c}>
                {countryName(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {S.filterVendor}{' '}
          <select
            value={filter.vendor ?? ''}
            onChange={(e) =>
              onFilter({ ...filter, vendor: (e.target as HTMLSelectElement).value || undefined })
            }
          >
            <option value="">{S.filterAny}</option>
            {facets?.vendors.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <div class="results-area">
        {!showing && idle}
        {showing && (
          <>
            {!search && <p class="note">{S.searchLoading}</p>}
            {search && hits.length === 0 && <p class="note">{S.noResults}</p>}
            {/* The listbox of the combobox pattern: focus stays in the box, aria-activedescendant points here. */}
            {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a list of options is a listbox. */}
            <ul class="results" id="results" role="listbox" aria-label={S.resultsLabel} ref={list}>
              {hits.map((h, i) => (
                // Options are reached by aria-activedescendant from the box, which handles every key; a
                // click is the pointer's shortcut.
                // biome-ignore lint/a11y/useKeyWithClickEvents: keys go through the search box.
                // biome-ignore lint/a11y/useFocusableInteractive: options of an activedescendant listbox take no focus.
                <li
                  key={h.id}
                  id={`hit-${h.id}`}
                  // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: each result is an option.
                  role="option"
                  aria-selected={i === active}
                  data-id={h.id}
                  onClick={() => onOpen(h.id)}
                  onMouseMove={(e) => {
                    const last = pointer.current;
                    pointer.current = { x: e.clientX, y: e.clientY };
                    if (last && (last.x !== e.clientX || last.y !== e.clientY) && i !== active) setActive(i);
                  }}
                >
                  {/* The words wrap inside their own box; the kind label and the star keep a column each. */}
                  <span class="hit-text">
                    <span class="hit-name">{h.name}</span>
                    {isOverlayId(h.id) && <span class="ours-mark">ours</span>}
                    {h.matched !== h.name && (
                      <>
                        {' '}
                        <span class="hit-alias">{S.matchedAs(h.matched)}</span>
                      </>
                    )}
                    {h.country && (
                      <>
                        {' '}
                        <span class="hit-country">{countryName(h.country)}</span>
                      </>
                    )}
                  </span>
                  <span class={`hit-kind kind-${h.kind}`}>
                    {h.kind === 'actor' ? S.kindActor : S.kindAgency}
                  </span>
                  {onWatch && (
                    // Out of the tab order like the options themselves: keys stay in the search box, and
                    // the detail view (Enter) has the same toggle for the keyboard.
                    <button
                      type="button"
                      class="star"
                      tabIndex={-1}
                      aria-pressed={!!watched?.has(h.id)}
                      aria-label={watched?.has(h.id) ? S.unwatchResult(h.name) : S.watchResult(h.name)}
                      title={S.watchHint}
                      onClick={(e) => {
                        e.stopPropagation();
                        onWatch(h.id, !watched?.has(h.id));
                      }}
                    >
                      {watched?.has(h.id) ? '★' : '☆'}
                    </button>
                  )}
                </li>
              ))}
            </ul>
            <p class="sr-only" role="status" aria-live="polite" aria-atomic="true">
              {search && current ? S.activeResult(describeHit(current), active + 1, hits.length) : ''}
            </p>
          </>
        )}
      </div>
    </section>
  );
}
