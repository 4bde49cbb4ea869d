/**
 * The dashboard's "Your KB" view: the reader's own actors and agencies, and the names they add to bundled
 * entities. Every change goes to the background as one batch (written all or nothing); what it refuses is
 * shown next to the field it is about, and the form keeps what was typed.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import * as v from 'valibot';
import {
  isExtension,
  OURS,
  type Overlay,
  type OverlayEntity,
  OverlayEntitySchema,
  type OverlayEntry,
  type OverlayExtension,
  OverlayExtensionSchema,
  overlayIdFor,
} from '../../lib/overlay/model';
import type { OverlayBatch } from '../../lib/overlay/store';
import type { OverlayProblem } from '../../lib/overlay/validate';
import type { OverlayWriteReport } from '../../lib/protocol/runtime';

/** A bundled entity the reader can pick (a sponsor, or the entity to add names to). */
export interface BundledChoice {
  id: string;
  name: string;
  kind: 'actor' | 'agency';
}

/** What the view needs from the extension. */
export interface OverlayApi {
  /** The stored overlay (read straight from IndexedDB). */
  read(): Promise<Overlay>;
  /** Sends one batch to the background, the only writer. */
  write(batch: OverlayBatch): Promise<OverlayWriteReport>;
  /** Calls back when the overlay changed anywhere; returns the unsubscribe. */
  subscribe?(onChange: () => void): () => void;
  /** Bundled actors and agencies, for the pickers. */
  bundled(): BundledChoice[];
  now(): Date;
}

/** The form's fields as typed (strings and rows), turned into an entry on save. */
interface Draft {
  /** The entry being edited (its key), or undefined for a new one. */
  key?: string;
  mode: 'entity' | 'extension';
  kind: 'actor' | 'agency';
  name: string;
  extends: string;
  aliases: { name: string; source: string; imported?: true }[];
  country: string;
  sponsor: string;
  attackId: string;
  notes: string;
  links: string;
  createdAt?: string;
  /** Where an imported entry came from: kept, so its names keep needing the context a file's names need. */
  origin?: string;
}

const blank = (mode: Draft['mode'], kind: Draft['kind'] = 'actor'): Draft => ({
  mode,
  kind,
  name: '',
  extends: '',
  aliases: [{ name: '', source: OURS }],
  country: '',
  sponsor: '',
  attackId: '',
  notes: '',
  links: '',
});

function draftOf(e: OverlayEntry): Draft {
  const common = {
    key: isExtension(e) ? e.extends : e.id,
    aliases: e.aliases.map((a) => ({ ...a })),
    notes: e.notes,
    links: e.links.join('\n'),
    createdAt: e.createdAt,
    ...(e.origin ? { origin: e.origin } : {}),
  };
  if (isExtension(e)) return { ...blank('extension'), ...common, extends: e.extends };
  return {
    ...blank('entity', e.kind),
    ...common,
    name: e.name,
    country: e.country ?? '',
    sponsor: e.sponsor ?? '',
    attackId: e.attackId ?? '',
  };
}

/** The entry a draft stands for (not yet checked); a new entity gets a fresh `ours-` id. */
function entryOf(d: Draft, overlay: Overlay, now: string): unknown {
  const aliases = d.aliases
    .map((a) => ({
      name: a.name.trim(),
      source: a.source.trim() || OURS,
      ...(a.imported ? { imported: true } : {}),
    }))
    .filter((a) => a.name !== '');
  const links = d.links
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const times = { createdAt: d.createdAt ?? now, updatedAt: now, ...(d.origin ? { origin: d.origin } : {}) };
  if (d.mode === 'extension') {
    return { extends: d.extends.trim(), aliases, notes: d.notes, links, ...times };
  }
  const taken = new Set(overlay.entities.map((e) => e.id));
  const id = d.key ?? overlayIdFor(d.name, (x) => taken.has(x));
  const optional = (k: string, value: string) => (value.trim() ? { [k]: value.trim() } : {});
  return {
    id,
    kind: d.kind,
    name: d.name,
    aliases,
    ...optional('country', d.country.toUpperCase()),
    ...(d.kind === 'actor' ? optional('sponsor', d.sponsor) : {}),
    ...optional('attackId', d.attackId.toUpperCase()),
    notes: d.notes,
    links,
    ...times,
  };
}

/** The form's problems by field ('' for the form as a whole), from the schema or the background. */
type Problems = Record<string, string[]>;

/** Schema issues, by the form field they are about ("aliases.1.name" → aliases). */
function schemaProblems(issues: readonly v.BaseIssue<unknown>[]): Problems {
  const out: Problems = {};
  for (const issue of issues) {
    const path = v.getDotPath(issue) ?? '';
    const field = path.split('.')[0] ?? '';
    const alias = /^aliases\.(\d+)\./.exec(path);
    const message = alias ? `Name ${Number(alias[1]) + 1}: ${issue.message}` : issue.message;
    out[field] = [...(out[field] ?? []), message];
  }
  return out;
}

function storeProblems(problems: readonly OverlayProblem[]): Problems {
  const out: Problems = {};
  for (const p of problems) {
    const field = p.field === 'id' || p.field === 'overlay' ? '' : p.field;
    out[field] = [...(out[field] ?? []), p.message];
  }
  return out;
}

function FieldErrors({ field, problems }: { field: string; problems: Problems }) {
  const list = problems[field];
  if (!list?.length) return null;
  return (
    <ul class="error" role="alert" data-field-error={field || 'form'}>
      {list.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

/** Adds or edits one entry; `onSaved` runs after the background wrote it. */
function EntryForm({
  api,
  overlay,
  initial,
  choices,
  onDone,
}: {
  api: OverlayApi;
  overlay: Overlay;
  initial: Draft;
  choices: BundledChoice[];
  onDone(message?: string): void;
}) {
  const [d, setD] = useState(initial);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const setAlias = (i: number, patch: Partial<Draft['aliases'][number]>) =>
    setD((x) => ({ ...x, aliases: x.aliases.map((a, j) => (j === i ? { ...a, ...patch } : a)) }));
  const agencies = useMemo(
    () => [
      ...overlay.entities.filter((e) => e.kind === 'agency').map((e) => ({ id: e.id, name: e.name })),
      ...choices.filter((c) => c.kind === 'agency'),
    ],
    [overlay, choices],
  );
  const title =
    d.mode === 'extension'
      ? 'Add names to a bundled entity'
      : `${d.key ? 'Edit' : 'Add'} ${d.kind === 'actor' ? 'an actor' : 'an agency'}`;

  const save = async (e: Event) => {
    e.preventDefault();
    const entry = entryOf(d, overlay, api.now().toISOString());
    const parsed = v.safeParse(d.mode === 'extension' ? OverlayExtensionSchema : OverlayEntitySchema, entry);
    if (!parsed.success) {
      setProblems(schemaProblems(parsed.issues));
      return;
    }
    setBusy(true);
    try {
      const r = await api.write({ put: [parsed.output] });
      if (r.ok)
        onDone(`Saved ${d.mode === 'extension' ? 'the names' : (parsed.output as OverlayEntity).name}.`);
      else setProblems(storeProblems(r.problems));
    } catch (err) {
      setProblems({ '': [`Not saved: ${(err as Error).message}`] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="edit overlay-form" aria-label={title} onSubmit={save} noValidate>
      <h3>{title}</h3>
      <FieldErrors field="" problems={problems} />
      {d.mode === 'extension' ? (
        <>
          <label>
            Bundled entity (id)
            <input
              value={d.extends}
              list="overlay-bundled"
              disabled={!!d.key}
              placeholder="apt31"
              onInput={(e) => set({ extends: e.currentTarget.value })}
            />
          </label>
          <datalist id="overlay-bundled">
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </datalist>
          <FieldErrors field="extends" problems={problems} />
        </>
      ) : (
        <>
          {!d.key && (
            <fieldset class="kind-choice">
              <legend>Kind</legend>
              {(['actor', 'agency'] as const).map((k) => (
                <label key={k}>
                  <input type="radio" name="kind" checked={d.kind === k} onChange={() => set({ kind: k })} />
                  {k === 'actor' ? 'Actor' : 'Agency'}
                </label>
              ))}
            </fieldset>
          )}
          <label>
            Name
            <input value={d.name} onInput={(e) => set({ name: e.currentTarget.value })} />
          </label>
          <FieldErrors field="name" problems={problems} />
        </>
      )}
      <fieldset class="alias-rows">
        <legend>{d.mode === 'extension' ? 'Your names for it' : 'Other names'}</legend>
        {d.aliases.map((a, i) => (
          <div class="alias-row" key={i}>
            <input
              aria-label={`Alias ${i + 1}`}
              value={a.name}
              onInput={(e) => setAlias(i, { name: e.currentTarget.value })}
            />
            <input
              aria-label={`Vendor of alias ${i + 1}`}
              value={a.source}
              placeholder={OURS}
              onInput={(e) => setAlias(i, { source: e.currentTarget.value })}
            />
            <button
              type="button"
              aria-label={`Remove alias ${i + 1}`}
              onClick={() => setD((x) => ({ ...x, aliases: x.aliases.filter((_, j) => j !== i) }))}
            >
              ×
            </button>
          </div>
        ))}
        <button type="button" onClick={() => set({ aliases: [...d.aliases, { name: '', source: OURS }] })}>
          Add alias
        </button>
        <p class="hint">Vendor: who coined the name (Mandiant, Microsoft…), or “ours” for your team’s own.</p>
      </fieldset>
      <FieldErrors field="aliases" problems={problems} />
      {d.mode === 'entity' && (
        <>
          <label>
            Country (ISO code)
            <input
              value={d.country}
              maxLength={2}
              placeholder="CN"
              onInput={(e) => set({ country: e.currentTarget.value })}
            />
          </label>
          <FieldErrors field="country" problems={problems} />
          {d.kind === 'actor' && (
            <>
              <label>
                Sponsor agency (id)
                <input
                  value={d.sponsor}
                  list="overlay-agencies"
                  placeholder="cn-mss"
                  onInput={(e) => set({ sponsor: e.currentTarget.value })}
                />
              </label>
              <datalist id="overlay-agencies">
                {agencies.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </datalist>
              <FieldErrors field="sponsor" problems={problems} />
              <label>
                MITRE ATT&amp;CK group id
                <input
                  value={d.attackId}
                  placeholder="G0001"
                  onInput={(e) => set({ attackId: e.currentTarget.value })}
                />
              </label>
              <FieldErrors field="attackId" problems={problems} />
            </>
          )}
        </>
      )}
      <label>
        Notes
        <textarea rows={3} value={d.notes} onInput={(e) => set({ notes: e.currentTarget.value })} />
      </label>
      <FieldErrors field="notes" problems={problems} />
      <label>
        Links (one per line)
        <textarea rows={2} value={d.links} onInput={(e) => set({ links: e.currentTarget.value })} />
      </label>
      <FieldErrors field="links" problems={problems} />
      <div class="buttons">
        <button type="submit" disabled={busy}>
          Save
        </button>
        <button type="button" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The "Your KB" view; `children` (the file import) are shown under its buttons. */
export function OverlayEditor({ api, children }: { api: OverlayApi; children?: ComponentChildren }) {
  const [overlay, setOverlay] = useState<Overlay | undefined>();
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<Draft>();
  const [status, setStatus] = useState<string>();
  const choices = useMemo(() => api.bundled(), [api]);
  const nameOf = useMemo(() => new Map(choices.map((c) => [c.id, c.name])), [choices]);

  const reload = () =>
    api.read().then(
      (o) => {
        setOverlay(o);
        setError(undefined);
      },
      (e: unknown) => setError(`Your KB could not be read: ${(e as Error).message}`),
    );
  useEffect(() => {
    void reload();
    return api.subscribe?.(() => void reload());
  }, [api]);

  const remove = async (key: string, label: string) => {
    const r = await api
      .write({ remove: [key] })
      .catch((e: Error) => ({ ok: false as const, error: e.message }));
    if (r.ok) setStatus(`Removed ${label}.`);
    else
      setStatus(
        `Not removed: ${'problems' in r ? r.problems.map((p) => p.message).join(' ') : (r as { error: string }).error}`,
      );
    await reload();
  };

  if (error) return <p class="error">{error}</p>;
  if (!overlay) return <p class="empty">Loading…</p>;
  const done = (message?: string) => {
    setEditing(undefined);
    if (message) setStatus(message);
    void reload();
  };

  return (
    <section class="overlay" aria-labelledby="overlay-heading">
      <div class="top">
        <h1 id="overlay-heading">APT Lens — your KB</h1>
        <div class="buttons">
          <button type="button" onClick={() => setEditing(blank('entity', 'actor'))}>
            Add actor
          </button>
          <button type="button" onClick={() => setEditing(blank('entity', 'agency'))}>
            Add agency
          </button>
          <button type="button" onClick={() => setEditing(blank('extension'))}>
            Add names to a bundled entity
          </button>
        </div>
      </div>
      <p class="hint">
        Your own actors, agencies and names are highlighted on pages only where you can see them (never
        through the page's own highlights), and their cards say “ours”. The bundled KB is not changed.
      </p>
      {children}
      {status && (
        <p class="status" role="status">
          {status}
        </p>
      )}
      {editing && (
        <EntryForm
          key={editing.key ?? editing.mode + editing.kind}
          api={api}
          overlay={overlay}
          initial={editing}
          choices={choices}
          onDone={done}
        />
      )}
      {overlay.entities.length === 0 && overlay.extensions.length === 0 ? (
        <p class="empty">Nothing yet: add your team's own names for the actors and agencies you track.</p>
      ) : (
        <table class="overlay-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Kind</th>
              <th>Other names</th>
              <th>Country</th>
              <th>
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {overlay.entities.map((e: OverlayEntity) => (
              <tr key={e.id} data-id={e.id}>
                <td>
                  {e.name} <span class="ours-mark">ours</span>
                </td>
                <td>{e.kind}</td>
                <td>{e.aliases.map((a) => `${a.name} (${a.source})`).join(', ')}</td>
                <td>{e.country ?? ''}</td>
                <td class="row-actions">
                  <button type="button" onClick={() => setEditing(draftOf(e))}>
                    Edit {e.name}
                  </button>
                  <button type="button" onClick={() => void remove(e.id, e.name)}>
                    Remove {e.name}
                  </button>
                </td>
              </tr>
            ))}
            {overlay.extensions.map((x: OverlayExtension) => {
              const name = nameOf.get(x.extends) ?? x.extends;
              return (
                <tr key={x.extends} data-id={x.extends}>
                  <td>{name}</td>
                  <td>bundled</td>
                  <td>
                    {x.aliases.map((a) => `${a.name} (${a.source})`).join(', ')}{' '}
                    <span class="ours-mark">ours</span>
                  </td>
                  <td />
                  <td class="row-actions">
                    <button type="button" onClick={() => setEditing(draftOf(x))}>
                      Edit names of {name}
                    </button>
                    <button type="button" onClick={() => void remove(x.extends, `your names for ${name}`)}>
                      Remove names of {name}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
