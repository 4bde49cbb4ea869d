import { useEffect, useRef, useState } from 'preact/hooks';
import { isWebUrl } from '../../lib/fields/formats';
import { claimsAfterEdit, type Incident } from '../../lib/incidents/model';

/** An actor or agency the reader can link to an incident. */
export interface EntityHit {
  id: string;
  name: string;
  kind: 'actor' | 'agency';
}

/** Props of the edit panel. */
export interface EditIncidentProps {
  incident: Incident;
  onSave(next: Incident): void;
  onCancel(): void;
  /** Display name of an actor or agency id. */
  names?: (id: string) => string;
  /** Actors and agencies whose names match what the reader typed, best first (absent: linking is off). */
  findEntities?: (query: string) => EntityHit[];
}

/** Most search hits offered under the box. */
const HITS = 6;

/**
 * Edits the fields a reader writes: title, tags, date, the linked actors and agencies, notes, attribution.
 * Escape cancels.
 */
export function EditIncident({
  incident,
  onSave,
  onCancel,
  names = (id) => id,
  findEntities,
}: EditIncidentProps) {
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    first.current?.focus();
    // Escape cancels wherever focus is (the form, or the list behind it); a field's own Escape (a date
    // picker closing) has already been handled and prevented by then.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      onCancel();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [incident.id]);
  const [title, setTitle] = useState(incident.title);
  const [tags, setTags] = useState(incident.tags.join(', '));
  const [date, setDate] = useState(incident.occurredAt?.slice(0, 10) ?? '');
  const [notes, setNotes] = useState(incident.notes);
  const [claimant, setClaimant] = useState(incident.attribution?.claimant ?? '');
  const [confidence, setConfidence] = useState(incident.attribution?.confidence ?? '');
  const [actorIds, setActorIds] = useState(incident.actorIds);
  const [agencyIds, setAgencyIds] = useState(incident.agencyIds);
  const [query, setQuery] = useState('');
  const linked = new Set([...actorIds, ...agencyIds]);
  const hits =
    query.trim() && findEntities
      ? findEntities(query.trim())
          .filter((h) => !linked.has(h.id))
          .slice(0, HITS)
      : [];
  const link = (h: EntityHit) => {
    if (h.kind === 'actor') setActorIds((ids) => [...ids, h.id]);
    else setAgencyIds((ids) => [...ids, h.id]);
    setQuery('');
  };
  const unlink = (id: string) => {
    setActorIds((ids) => ids.filter((x) => x !== id));
    setAgencyIds((ids) => ids.filter((x) => x !== id));
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const { occurredAt: _o, attribution: _a, claims: _c, ...rest } = incident;
    const claims = claimsAfterEdit(
      incident.claims,
      incident.attribution,
      { claimant, confidence },
      actorIds[0] ? { id: actorIds[0], name: names(actorIds[0]) } : undefined,
    );
    onSave({
      ...rest,
      title,
      tags: tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      notes,
      actorIds,
      agencyIds,
      ...(date ? { occurredAt: date } : {}),
      ...(claimant || confidence ? { attribution: { claimant, confidence } } : {}),
      ...(claims?.length ? { claims } : {}),
    });
  };
  return (
    <form class="edit" aria-label="Edit incident" onSubmit={submit}>
      <h2>Edit incident</h2>
      <label>
        Title <input ref={first} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <label>
        Tags (comma-separated) <input value={tags} onInput={(e) => setTags(e.currentTarget.value)} />
      </label>
      <label>
        Date <input type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
      </label>
      <fieldset class="linked">
        <legend>Linked actors and agencies</legend>
        {linked.size > 0 ? (
          <ul class="chips" aria-label="Linked">
            {[...actorIds, ...agencyIds].map((id) => (
              <li key={id}>
                <span class={`chip ${actorIds.includes(id) ? 'actor' : 'agency'}`}>{names(id)}</span>
                <button type="button" aria-label={`Unlink ${names(id)}`} onClick={() => unlink(id)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="none">None linked.</p>
        )}
        {findEntities && (
          <label>
            Link another{' '}
            <input
              type="search"
              value={query}
              placeholder="APT31, Ministry of State Security…"
              onInput={(e) => setQuery(e.currentTarget.value)}
              onKeyDown={(e) => {
                // Enter links the first hit instead of saving the form.
                if (e.key === 'Enter' && hits[0]) {
                  e.preventDefault();
                  link(hits[0]);
                }
              }}
            />
          </label>
        )}
        {hits.length > 0 && (
          <ul class="hits" aria-label="Matching actors and agencies">
            {hits.map((h) => (
              <li key={h.id}>
                <button type="button" onClick={() => link(h)}>
                  {h.name} <span class="kind">{h.kind}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <label>
        Attributed by <input value={claimant} onInput={(e) => setClaimant(e.currentTarget.value)} />
      </label>
      <label>
        Confidence <input value={confidence} onInput={(e) => setConfidence(e.currentTarget.value)} />
      </label>
      <label>
        Notes <textarea rows={4} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
      </label>
      <blockquote>{incident.quote.exact}</blockquote>
      <p>
        {/* A record saved before URLs were checked may hold any scheme: only a web URL becomes a link. */}
        {isWebUrl(incident.url) ? (
          <a href={incident.url} target="_blank" rel="noreferrer noopener">
            {incident.pageTitle || incident.url}
          </a>
        ) : (
          incident.pageTitle || incident.url
        )}
      </p>
      <div class="buttons">
        <button type="button" onClick={onCancel} title="Escape">
          Cancel
        </button>
        <button type="submit">Save changes</button>
      </div>
    </form>
  );
}
