import { useState } from 'preact/hooks';
import { incidentDate } from '../../lib/incidents/filter';
import { claimantOf, type Incident } from '../../lib/incidents/model';
import { EmptyState } from './EmptyState';

/** Height of one row in pixels: fixed, so the list can render only the rows in view. */
export const ROW_HEIGHT = 96;
/** Height of the scrolling viewport in pixels. */
export const VIEW_HEIGHT = 576;
const OVERSCAN = 4;

/** Props: incidents, or `undefined` while the store is being read. */
export interface IncidentListProps {
  incidents: Incident[] | undefined;
  error?: string;
  /** Whether the store is empty (as opposed to everything being filtered out). */
  storeEmpty?: boolean;
  names?: (id: string) => string;
  selected?: ReadonlySet<string>;
  onSelect?: (id: string, on: boolean) => void;
  onEdit?: (incident: Incident) => void;
  onDelete?: (incident: Incident) => void;
  /** Shares one incident with the team server (absent: no server set up, no button). */
  onShare?: (incident: Incident) => void;
  /** Opens the import file picker (offered when the store is empty). */
  onImport?: () => void;
}

/** The dashboard's list of saved incidents, virtualized: only the rows in view are in the DOM. */
export function IncidentList({
  incidents,
  error,
  storeEmpty,
  names = (id) => id,
  selected,
  onSelect,
  onEdit,
  onDelete,
  onShare,
  onImport = () => {},
}: IncidentListProps) {
  const [scrollTop, setScrollTop] = useState(0);
  if (error) return <p role="alert">Could not read incidents: {error}</p>;
  if (!incidents) return <p aria-busy="true">Loading incidents…</p>;
  if (incidents.length === 0) {
    if (storeEmpty === false) return <p class="empty">No incident matches these filters.</p>;
    return <EmptyState onImport={onImport} />;
  }
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(incidents.length, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  return (
    <div
      class="viewport"
      style={{ height: `${Math.min(VIEW_HEIGHT, incidents.length * ROW_HEIGHT)}px` }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <ul class="incidents" aria-label="Incidents" style={{ height: `${incidents.length * ROW_HEIGHT}px` }}>
        {incidents.slice(first, last).map((i, k) => (
          <li
            key={i.id}
            class="incident"
            data-id={i.id}
            aria-posinset={first + k + 1}
            aria-setsize={incidents.length}
            style={{ top: `${(first + k) * ROW_HEIGHT}px`, height: `${ROW_HEIGHT}px` }}
          >
            <input
              type="checkbox"
              aria-label={`Select ${i.title}`}
              checked={selected?.has(i.id) ?? false}
              onChange={(e) => onSelect?.(i.id, e.currentTarget.checked)}
            />
            <div class="body">
              <div class="line">
                <strong class="title">{i.title}</strong>
                <span class="date">{incidentDate(i)}</span>
                <span class="site">{i.site}</span>
              </div>
              {/* Tags get a line of their own that wraps, above anything the row may cut. */}
              {i.tags.length > 0 && (
                <ul class="tags" aria-label="Tags">
                  {i.tags.map((t) => (
                    <li key={t} class="tag">
                      {t}
                    </li>
                  ))}
                </ul>
              )}
              <div class="line entities">
                {claimantOf(i) && <span class="claimant">By {claimantOf(i)}</span>}
                <span>{[...i.actorIds, ...i.agencyIds].map(names).join(' · ')}</span>
              </div>
              <q class="quote">{i.quote.exact}</q>
            </div>
            <div class="row-actions">
              <button type="button" onClick={() => onEdit?.(i)} aria-label={`Edit ${i.title}`}>
                Edit
              </button>
              <button type="button" onClick={() => onDelete?.(i)} aria-label={`Delete ${i.title}`}>
                Delete
              </button>
              {onShare && (
                <button type="button" onClick={() => onShare(i)} aria-label={`Share ${i.title} with team`}>
                  Share with team
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
