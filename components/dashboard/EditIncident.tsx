import { useEffect, useRef, useState } from 'preact/hooks';
import { isWebUrl } from '../../lib/incidents/formats';
import type { Incident } from '../../lib/incidents/model';

/** Props of the edit panel. */
export interface EditIncidentProps {
  incident: Incident;
  onSave(next: Incident): void;
  onCancel(): void;
}

/** Edits the fields a reader writes: title, tags, date, notes, attribution. Escape cancels. */
export function EditIncident({ incident, onSave, onCancel }: EditIncidentProps) {
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
  const submit = (e: Event) => {
    e.preventDefault();
    const { occurredAt: _o, attribution: _a, ...rest } = incident;
    onSave({
      ...rest,
      title,
      tags: tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      notes,
      ...(date ? { occurredAt: date } : {}),
      ...(claimant || confidence ? { attribution: { claimant, confidence } } : {}),
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
