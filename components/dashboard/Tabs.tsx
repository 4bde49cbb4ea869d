/**
 * The dashboard's views behind one tab bar (WAI-ARIA tabs: arrow keys, Home and End move between tabs).
 * Each view is a `DashboardTab`; only the selected one is rendered, so opening the dashboard reads only the
 * store its first view needs. A view can send the reader to another one with an argument (the Watchlist's
 * "Sightings" button opens the Sightings view filtered on that entity).
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';

/** Where the dashboard shows: a view's id and what it was asked to show (an entity id, for one). */
export interface DashboardPlace {
  tab: string;
  arg?: string;
}

/** One view of the dashboard. */
export interface DashboardTab {
  id: string;
  label: string;
  /** Renders the view; `go` moves to another view (or this one with another argument). */
  render(arg: string | undefined, go: (place: DashboardPlace) => void): ComponentChildren;
}

/** Props: the views in order, where to start, and a callback when the place changes (the page's URL). */
export interface TabbedDashboardProps {
  tabs: readonly DashboardTab[];
  initial?: DashboardPlace;
  onPlace?(place: DashboardPlace): void;
}

/** The tab bar and the selected view. */
export function TabbedDashboard({ tabs, initial, onPlace }: TabbedDashboardProps) {
  const known = (t: string | undefined) => tabs.find((x) => x.id === t)?.id ?? tabs[0]?.id ?? '';
  const [place, setPlace] = useState<DashboardPlace>(() => ({
    tab: known(initial?.tab),
    arg: initial?.arg,
  }));
  const bar = useRef<HTMLDivElement>(null);
  const go = (next: DashboardPlace) => {
    const p = { tab: known(next.tab), arg: next.arg };
    setPlace(p);
    onPlace?.(p);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === place.tab);
    const to =
      e.key === 'ArrowRight'
        ? (i + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : -1;
    if (to < 0) return;
    e.preventDefault();
    go({ tab: tabs[to]!.id });
    bar.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[to]?.focus();
  };
  const current = tabs.find((t) => t.id === place.tab);
  return (
    <>
      <div class="tabs" role="tablist" aria-label="Dashboard views" ref={bar} onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-controls={`panel-${t.id}`}
            aria-selected={t.id === place.tab}
            tabIndex={t.id === place.tab ? 0 : -1}
            onClick={() => go({ tab: t.id })}
          >
            {t.label}
          </button>
        ))}
      </div>
      {current && (
        <div role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`}>
          {current.render(place.arg, go)}
        </div>
      )}
    </>
  );
}
