import { useEffect, useRef, useState } from 'preact/hooks';
import type { CaptureInitial, ClaimantIs, EntityOption } from '../../lib/incidents/capture';
import type { FoundClaim } from '../../lib/incidents/claims';
import { type Claim, type IncidentDraft, joinNames } from '../../lib/incidents/model';
import { countryName } from '../shared/country';
import { FORM_CSS } from './form-css';

/** Props of the capture form. */
export interface IncidentFormProps {
  initial: CaptureInitial;
  /** Tags already in use, for autocomplete. */
  knownTags: readonly string[];
  onSave(draft: IncidentDraft): Promise<void>;
  onCancel(): void;
}

/** Splits "a, b" typed into the tag box into tags. */
const splitTags = (s: string) =>
  s
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);

/** How the form names a claim's kind. */
const KIND_LABEL: Record<Claim['kind'], string> = {
  incident: 'incident',
  'sponsor-link': 'sponsor link',
  sanction: 'sanction',
};

/** A claim in one line: "Western governments: APT31 → Ministry of State Security". */
function claimLine(c: Claim, nameOf: (id: string) => string | undefined): string {
  const who = joinNames(c.claimants.map((x) => x.name));
  const accused = c.accusedName || (c.accusedId && nameOf(c.accusedId)) || '?';
  const sponsor = c.sponsorId ? ` → ${nameOf(c.sponsorId) ?? c.sponsorId}` : '';
  return `${who}: ${accused}${sponsor}`;
}

/** What a recognised claimant is, as its chip says it. */
const chipText = (is: ClaimantIs) =>
  is.kind === 'agency'
    ? `Agency: ${is.name}${is.country ? ` (${countryName(is.country)})` : ''}`
    : `Country: ${countryName(is.country)}`;

/** A found claim as stored: without the form's own marks. */
const stored = ({ fromContext: _, ...c }: FoundClaim): Claim => c;

/** The "Save as incident" form: prefilled from the selection, tags with autocomplete, Save / Cancel. */
export function IncidentForm({ initial, knownTags, onSave, onCancel }: IncidentFormProps) {
  const all = [...initial.found, ...initial.suggestions];
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(initial.found.map((e) => e.id)));
  const [title, setTitle] = useState(() => {
    const names = initial.found.filter((e) => e.kind === 'actor').map((e) => e.name);
    return names.length ? `${names.join(', ')} — ${initial.pageTitle}` : initial.pageTitle;
  });
  const [tags, setTags] = useState<string[]>([]);
  const [tagText, setTagText] = useState('');
  const [notes, setNotes] = useState('');
  const [date, setDate] = useState(initial.date);
  const [claimant, setClaimant] = useState(initial.attribution?.claimant ?? '');
  const [confidence, setConfidence] = useState(initial.attribution?.confidence ?? '');
  const lead = initial.claims?.[0];
  const others = initial.claims?.slice(1) ?? [];
  // The other claims the passage makes are kept with the incident unless the reader unticks them.
  const [keep, setKeep] = useState<Set<number>>(() => new Set(others.map((_, n) => n)));
  const nameOf = (id: string) => all.find((e) => e.id === id)?.name;
  const [state, setState] = useState<
    { kind: 'editing' | 'saving' | 'saved' } | { kind: 'error'; message: string }
  >({
    kind: 'editing',
  });
  const tagInput = useRef<HTMLInputElement>(null);
  useEffect(() => tagInput.current?.focus(), []);

  const toggle = (id: string) =>
    setChosen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const addTags = (more: string[]) => setTags((t) => [...t, ...more.filter((m) => !t.includes(m))]);
  const typed = tagText.trim().toLowerCase();
  const completions = typed
    ? knownTags.filter((t) => t.startsWith(typed) && !tags.includes(t)).slice(0, 6)
    : [];

  const submit = async (e?: Event) => {
    e?.preventDefault();
    if (state.kind === 'saving' || state.kind === 'saved') return;
    const allTags = [...tags, ...splitTags(tagText).filter((t) => !tags.includes(t))];
    const ids = (kind: 'actor' | 'agency') =>
      all.filter((o) => o.kind === kind && chosen.has(o.id)).map((o) => o.id);
    const proposed = initial.attribution?.claimant ?? '';
    const who = claimant.trim();
    const firstActor = all.find((o) => o.kind === 'actor' && chosen.has(o.id));
    // The incident's claim follows what the reader left in *Attributed by*: the proposal as read, or
    // their own words (then without the ids the proposal was recognised as).
    const incidentClaim: Claim | undefined = lead
      ? who || lead.kind !== 'incident'
        ? {
            ...stored(lead),
            ...(who && who !== proposed ? { claimants: [{ name: who }] } : {}),
            confidence: confidence.trim(),
          }
        : undefined
      : who
        ? {
            kind: 'incident',
            claimants: [{ name: who }],
            ...(firstActor ? { accusedId: firstActor.id } : {}),
            accusedName: firstActor?.name ?? '',
            confidence: confidence.trim(),
            ...(initial.published ? { date: initial.published } : {}),
            sentence: '',
          }
        : undefined;
    const claims = [
      ...(incidentClaim ? [incidentClaim] : []),
      ...others.filter((_, n) => keep.has(n)).map(stored),
    ];
    const draft: IncidentDraft = {
      title: title.trim() || initial.pageTitle,
      url: initial.url,
      pageTitle: initial.pageTitle,
      quote: initial.quote,
      actorIds: [...new Set(ids('actor'))],
      agencyIds: [...new Set(ids('agency'))],
      tags: allTags,
      notes,
      ...(date ? { occurredAt: date } : {}),
      ...(claimant || confidence ? { attribution: { claimant, confidence } } : {}),
      ...(claims.length ? { claims } : {}),
    };
    setState({ kind: 'saving' });
    try {
      await onSave(draft);
      setState({ kind: 'saved' });
    } catch (err) {
      setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') onCancel();
    else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
  };

  if (state.kind === 'saved') {
    return (
      <div class="capture" role="status" aria-live="polite">
        <style>{FORM_CSS}</style>
        <p class="done">Incident saved.</p>
        <div class="buttons">
          <button type="button" onClick={onCancel}>
            Close
          </button>
        </div>
      </div>
    );
  }

  const chip = (o: EntityOption) => (
    <li key={o.id}>
      <button
        type="button"
        class={`chip ${o.kind}`}
        aria-pressed={chosen.has(o.id)}
        onClick={() => toggle(o.id)}
        title={o.kind === 'actor' ? 'Threat actor' : 'Agency'}
      >
        {o.name}
      </button>
    </li>
  );

  return (
    <form class="capture" aria-label="Save as incident" onSubmit={submit} onKeyDown={onKeyDown}>
      <style>{FORM_CSS}</style>
      <div class="capture-body">
        <h2>Save as incident</h2>
        <blockquote>{initial.quote.exact || '(no passage selected)'}</blockquote>
        <p class="meta">
          {initial.pageTitle} — {initial.url}
        </p>
        <label for="apt-lens-title">Title</label>
        <input id="apt-lens-title" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        {initial.found.length > 0 && (
          <>
            <h3 id="apt-lens-found">In the passage</h3>
            <ul class="chips" aria-labelledby="apt-lens-found">
              {initial.found.map(chip)}
            </ul>
          </>
        )}
        {initial.suggestions.length > 0 && (
          <>
            <h3 id="apt-lens-page">Also on this page</h3>
            <ul class="chips" aria-labelledby="apt-lens-page">
              {initial.suggestions.map(chip)}
            </ul>
          </>
        )}
        <label for="apt-lens-tags">Tags</label>
        {tags.length > 0 && (
          <ul class="chips" aria-label="Tags added">
            {tags.map((t) => (
              <li key={t}>
                <button
                  type="button"
                  class="chip"
                  aria-label={`Remove tag ${t}`}
                  onClick={() => setTags((x) => x.filter((y) => y !== t))}
                >
                  {t} ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id="apt-lens-tags"
          ref={tagInput}
          value={tagText}
          placeholder="espionage, ministry… (Enter adds, Enter again saves)"
          onInput={(e) => setTagText(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Enter adds the typed tags; Enter on an empty box falls through to the form's submit (Save).
            if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && tagText.trim()) {
              e.preventDefault();
              addTags(splitTags(tagText));
              setTagText('');
            }
          }}
        />
        {completions.length > 0 && (
          <ul class="chips" aria-label="Existing tags">
            {completions.map((t) => (
              <li key={t}>
                <button
                  type="button"
                  class="chip"
                  onClick={() => {
                    addTags([t]);
                    setTagText('');
                  }}
                >
                  {t}
                </button>
              </li>
            ))}
          </ul>
        )}
        <label for="apt-lens-date">Date</label>
        <input id="apt-lens-date" type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
        <label for="apt-lens-claimant">Attributed by</label>
        <input id="apt-lens-claimant" value={claimant} onInput={(e) => setClaimant(e.currentTarget.value)} />
        {/* What the prefilled claimant was recognised as; it describes that value, so editing hides it. */}
        {claimant === initial.attribution?.claimant && (initial.claimantsAre ?? []).length > 0 && (
          <p class="claimant-is">
            {(initial.claimantsAre ?? []).map((is) => (
              <span key={chipText(is)} class={`chip ${is.kind}`} data-kind={is.kind}>
                {chipText(is)}
              </span>
            ))}
          </p>
        )}
        {lead?.kind && lead.kind !== 'incident' && claimant === initial.attribution?.claimant && (
          <p class="meta">The passage’s claim is a {KIND_LABEL[lead.kind]}.</p>
        )}
        {lead?.fromContext && claimant === initial.attribution?.claimant && (
          <p class="meta from-context">Read from the text just before your selection.</p>
        )}
        <label for="apt-lens-confidence">Confidence (their words)</label>
        <input
          id="apt-lens-confidence"
          value={confidence}
          onInput={(e) => setConfidence(e.currentTarget.value)}
        />
        {initial.attribution && <p class="meta">“{initial.attribution.sentence}”</p>}
        {others.length > 0 && (
          <>
            <h3 id="apt-lens-claims">Other claims in the passage</h3>
            <ul class="claims" aria-labelledby="apt-lens-claims">
              {others.map((c, n) => (
                <li key={`${n}:${claimLine(c, nameOf)}`} data-kind={c.kind}>
                  <label>
                    <input
                      type="checkbox"
                      checked={keep.has(n)}
                      onChange={() =>
                        setKeep((k) => {
                          const next = new Set(k);
                          if (!next.delete(n)) next.add(n);
                          return next;
                        })
                      }
                    />{' '}
                    <span class="claim-kind">{KIND_LABEL[c.kind]}</span> {claimLine(c, nameOf)}
                    {c.confidence ? ` (${c.confidence})` : ''}
                  </label>
                </li>
              ))}
            </ul>
          </>
        )}
        <label for="apt-lens-notes">Notes</label>
        <textarea
          id="apt-lens-notes"
          rows={3}
          value={notes}
          onInput={(e) => setNotes(e.currentTarget.value)}
        />
        {state.kind === 'error' && (
          <p class="error" role="alert">
            {state.message}
          </p>
        )}
      </div>
      {/* Outside the scrolling body, so Save and Cancel stay in view however long the form. */}
      <div class="buttons">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" disabled={state.kind === 'saving'}>
          Save
        </button>
      </div>
    </form>
  );
}
