import { useEffect, useRef, useState } from 'preact/hooks';
import type { IncidentDraft } from '../../lib/incidents/model';
import type { PageReportSource } from '../../lib/protocol';
import { type PageReportInput, pageReportDraft, parseLabels } from '../../lib/stix/page-report-input';
import { S } from './strings';

/** What the report view needs from the extension; a seam so component tests need no browser. */
export interface ReportApi {
  /** The page's address, title and entities with their sentences (checked), or undefined. */
  source(): Promise<PageReportSource | undefined>;
  /** Builds the STIX bundle and hands it to the browser's downloads; resolves to the file's name. */
  download(input: PageReportInput): Promise<string>;
  /** Saves the report as an incident (through the background); rejects with the reason. */
  save(draft: IncidentDraft): Promise<void>;
  /** Today as YYYY-MM-DD, the default published date. */
  today(): string;
}

type Status = { kind: 'done' | 'saved' | 'error'; text: string } | undefined;

/**
 * The page as a STIX 2.1 report: the reader names it, dates it, adds a note and labels, keeps or drops each
 * actor and agency found (with the first sentence naming it), then downloads the bundle or saves it as an
 * incident.
 */
export function PageReport({
  api,
  onBack,
  openDashboard,
}: {
  api: ReportApi;
  onBack(): void;
  openDashboard(): void;
}) {
  const [source, setSource] = useState<PageReportSource | null>();
  const [name, setName] = useState('');
  const [published, setPublished] = useState(api.today());
  const [labels, setLabels] = useState('');
  const [note, setNote] = useState('');
  const [dropped, setDropped] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>();
  const back = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    back.current?.focus();
    void api.source().then((s) => {
      setSource(s ?? null);
      if (s) setName(s.title);
    });
  }, []);

  const input = (src: PageReportSource): PageReportInput => ({
    source: { ...src, entities: src.entities.filter((e) => !dropped.has(e.id)) },
    name,
    note,
    labels: parseLabels(labels),
    published: published || api.today(),
  });

  const run = async (work: () => Promise<Status>) => {
    setBusy(true);
    setStatus(undefined);
    try {
      setStatus(await work());
    } catch (e) {
      setStatus({ kind: 'error', text: S.reportFailed((e as Error).message || String(e)) });
    } finally {
      setBusy(false);
    }
  };

  const download = (src: PageReportSource) =>
    run(async () => ({ kind: 'done', text: S.reportDownloaded(await api.download(input(src))) }));

  const save = (src: PageReportSource) =>
    run(async () => {
      const draft = pageReportDraft(input(src));
      if (!draft) return { kind: 'error', text: S.reportNotWeb };
      await api.save(draft);
      return { kind: 'saved', text: S.reportSaved(draft.title) };
    });

  const toggle = (id: string) => {
    const next = new Set(dropped);
    if (!next.delete(id)) next.add(id);
    setDropped(next);
  };

  return (
    <section class="report" aria-labelledby="report-heading">
      <button type="button" class="back" ref={back} onClick={onBack} title={S.backHint}>
        ← {S.back}
      </button>
      <h2 id="report-heading">{S.reportHeading}</h2>
      {source === undefined && <p class="note">{S.pageLoading}</p>}
      {source === null && (
        <p class="notice" role="alert">
          {S.reportNoSource}
        </p>
      )}
      {source && (
        <form
          class="report-form"
          onSubmit={(e) => {
            e.preventDefault();
            void download(source);
          }}
        >
          <p class="report-address" title={S.reportAddressHint}>
            {S.reportAddress}: <span>{source.url}</span>
          </p>
          <label>
            {S.reportName}
            <input
              name="name"
              value={name}
              placeholder={source.url}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </label>
          <label>
            {S.reportPublished}
            <input
              name="published"
              type="date"
              value={published}
              onInput={(e) => setPublished(e.currentTarget.value)}
            />
          </label>
          <label>
            {S.reportLabels}
            <input
              name="labels"
              value={labels}
              placeholder={S.reportLabelsHint}
              onInput={(e) => setLabels(e.currentTarget.value)}
            />
          </label>
          <label>
            {S.reportNote}
            <textarea name="note" rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          <fieldset class="report-entities">
            <legend>{S.reportEntities(source.entities.length - dropped.size, source.entities.length)}</legend>
            {source.entities.length === 0 && <p class="note">{S.pageEmpty}</p>}
            <ul>
              {source.entities.map((e) => (
                <li key={e.id} data-id={e.id}>
                  <label>
                    <input type="checkbox" checked={!dropped.has(e.id)} onChange={() => toggle(e.id)} />{' '}
                    <span class={`report-name kind-${e.kind}`}>{e.name}</span>
                  </label>
                  <q class="report-sentence">{e.sentence}</q>
                </li>
              ))}
            </ul>
          </fieldset>
          <div class="report-actions">
            <button type="submit" disabled={busy}>
              {S.reportDownload}
            </button>
            <button type="button" disabled={busy} onClick={() => void save(source)}>
              {S.reportSave}
            </button>
          </div>
          {status && (
            <p
              class={status.kind === 'error' ? 'notice error' : 'notice'}
              role={status.kind === 'error' ? 'alert' : 'status'}
            >
              {status.text}
              {status.kind === 'saved' && (
                <>
                  {' '}
                  <button type="button" class="link" onClick={openDashboard}>
                    {S.incidentsAll}
                  </button>
                </>
              )}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
