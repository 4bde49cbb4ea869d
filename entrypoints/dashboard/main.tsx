import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { IncidentList } from '../../components/dashboard/IncidentList';
import { listIncidents, openIncidentsDb } from '../../lib/incidents/db';
import type { Incident } from '../../lib/incidents/model';

function Dashboard() {
  const [incidents, setIncidents] = useState<Incident[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    openIncidentsDb()
      .then(listIncidents)
      .then(setIncidents, (e: unknown) => setError(String(e)));
  }, []);
  return (
    <main>
      <h1>APT Lens</h1>
      <IncidentList incidents={incidents} error={error} />
    </main>
  );
}

render(<Dashboard />, document.getElementById('app')!);
