import type { Incident } from '../../lib/incidents/model';

/** Props: incidents, or `undefined` while the store is being read. */
export interface IncidentListProps {
  incidents: Incident[] | undefined;
  error?: string;
}

/** The dashboard's list of saved incidents. */
export function IncidentList({ incidents, error }: IncidentListProps) {
  if (error) return <p role="alert">Could not read incidents: {error}</p>;
  if (!incidents) return <p aria-busy="true">Loading incidents…</p>;
  if (incidents.length === 0) return <p class="empty">No incidents yet.</p>;
  return (
    <ul class="incidents" aria-label="Incidents">
      {incidents.map((i) => (
        <li key={i.id}>
          <strong>{i.title}</strong> — <span>{i.pageTitle}</span>
        </li>
      ))}
    </ul>
  );
}
