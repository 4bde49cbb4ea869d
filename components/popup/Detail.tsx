import { useEffect, useRef, useState } from 'preact/hooks';
import type { Mentioning } from '../../lib/incidents/mentioning';
import type { EntityCardData } from '../../lib/kb/card-data';
import { EntityCard } from '../card/EntityCard';
import { S } from './strings';

/** Props of the detail view: the card's data and where the incidents come from. */
export interface DetailProps {
  data: EntityCardData | null;
  /** Incidents naming this entity; undefined when the store cannot be read (e.g. in a private window). */
  incidents(kind: 'actor' | 'agency', id: string): Promise<Mentioning | undefined>;
  openDashboard(): void;
  onBack(): void;
  /** Whether the entity is on the watchlist (undefined while the settings load), and the toggle. */
  watched?: boolean;
  onWatch?(on: boolean): void;
}

function Incidents({ m, openDashboard }: { m: Mentioning; openDashboard(): void }) {
  return (
    <section class="incidents" aria-label={S.incidentsHeading}>
      <h3>{S.incidentsHeading}</h3>
      {m.count === 0 ? (
        <p class="note">{S.incidentsNone}</p>
      ) : (
        <>
          <p>{S.incidentsCount(m.count)}</p>
          <ul>
            {m.latest.map((i) => (
              <li key={i.id}>
                <span class="incident-title">{i.title}</span>{' '}
                <span class="note date">{i.createdAt.slice(0, 10)}</span>
              </li>
            ))}
          </ul>
          <button type="button" class="link" onClick={openDashboard}>
            {S.incidentsAll}
          </button>
        </>
      )}
    </section>
  );
}

/** The detail view: the same card as on pages, plus the incidents that mention the entity. */
export function Detail({ data, incidents, openDashboard, onBack, watched, onWatch }: DetailProps) {
  const [m, setM] = useState<Mentioning>();
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    back.current?.focus();
    setM(undefined);
    if (data) void incidents(data.kind, data.entity.id).then(setM);
  }, [data]);
  return (
    <section class="detail" data-id={data?.entity.id}>
      <button type="button" class="back" ref={back} onClick={onBack} title={S.backHint}>
        ← {S.back}
      </button>
      {data && onWatch && (
        <button
          type="button"
          class="watch"
          aria-pressed={!!watched}
          disabled={watched === undefined}
          title={S.watchHint}
          onClick={() => onWatch(!watched)}
        >
          {watched ? S.watching : S.watch}
        </button>
      )}
      <EntityCard data={data}>{m && <Incidents m={m} openDashboard={openDashboard} />}</EntityCard>
    </section>
  );
}
