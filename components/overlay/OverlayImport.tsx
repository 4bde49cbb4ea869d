import { useState } from 'preact/hooks';
import type { PlannedItem } from '../../lib/overlay/import/classify';
import type { OverlayImportReport } from '../../lib/overlay/import/report';
import { ImportButtons, InvalidRecords } from '../shared/InvalidRecords';
import { ImportFileButton, useImportFile } from '../shared/import-file';
import { StatusRegion } from '../shared/StatusRegion';

type Summary = Extract<OverlayImportReport, { ok: true }>;

/** Props: how to ask the background for a dry run (`apply` false) or the write (`apply` true). */
export interface OverlayImportProps {
  send(text: string, apply: boolean): Promise<OverlayImportReport>;
}

/** Most items listed per group; the counts above always cover all of them. */
const SHOWN = 300;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function describe(item: PlannedItem): string {
  const t = item.target;
  switch (item.verdict) {
    case 'new':
      return `new${t ? ` (${t.id})` : ''}${item.added.length > 1 ? `: ${item.added.slice(1).join(', ')}` : ''}`;
    case 'merged':
      return `adds ${item.added.join(', ')} to ${t?.name ?? ''}${t?.origin === 'bundled' ? '' : ' (your KB)'}${item.matchedBy ? `, matched by ${item.matchedBy}` : ''}`;
    case 'unchanged':
      return `already known as ${t?.name ?? ''}${item.matchedBy ? ` (by ${item.matchedBy})` : ''}`;
    case 'conflict':
      return item.reason ?? 'conflict';
  }
}

function Group({ title, items }: { title: string; items: PlannedItem[] }) {
  if (items.length === 0) return null;
  return (
    <details open={items.length <= 20}>
      <summary>
        {title} ({items.length})
      </summary>
      <ul>
        {items.slice(0, SHOWN).map((it) => (
          <li key={it.index}>
            <strong>{it.name}</strong> ({it.kind}): {describe(it)}
            {it.warnings.length > 0 && <span class="warning"> — {it.warnings.join('; ')}</span>}
          </li>
        ))}
        {items.length > SHOWN && <li>and {items.length - SHOWN} more</li>}
      </ul>
    </details>
  );
}

/** One name an import adds, to what, and its risk class (what a page must say for it to be marked). */
export interface AddedName {
  name: string;
  to: string;
  risk: 'distinctive' | 'coinage' | 'generic';
}

/** Every name the plan adds (new entities' names and names merged into existing ones), in file order. */
function addedNames(items: readonly PlannedItem[]): AddedName[] {
  const out: AddedName[] = [];
  for (const it of items) {
    if (it.verdict !== 'new' && it.verdict !== 'merged') continue;
    const to = `${it.target?.name ?? it.name}${it.target?.origin === 'bundled' ? '' : ' (your KB)'}`;
    const risk = new Map((it.needsContext ?? []).map((c) => [c.name, c.risk]));
    for (const name of it.added) out.push({ name, to, risk: risk.get(name) ?? 'distinctive' });
  }
  return out;
}

const NOTE: Record<AddedName['risk'], string> = {
  generic: ' ⚠ common word: needs context',
  coinage: ' (coined word: marked on pages about security)',
  distinctive: '',
};

/**
 * Every name an import adds, the common words first and marked: a name general text uses ("Sport", "Cuba")
 * is painted only where the text around it speaks of a group, a coined word only on a page about security,
 * so the reader sees which before confirming. Shared by the overlay import and the incidents import (whose
 * file may carry entries of your KB).
 */
export function AddedNames({ names }: { names: readonly AddedName[] }) {
  if (names.length === 0) return null;
  const common = names.filter((n) => n.risk === 'generic');
  const coined = names.filter((n) => n.risk === 'coinage');
  const own = names.filter((n) => n.risk === 'distinctive');
  return (
    <section class="added-names" aria-label="Names it adds">
      <h3>
        Names it adds ({names.length}: {common.length} common words, {coined.length} coined words)
      </h3>
      {common.length > 0 && (
        <p class="warning" role="note">
          ⚠ {common.length} of these names are common words or names of people, places or brands (such as{' '}
          {common
            .slice(0, 5)
            .map((n) => `“${n.name}”`)
            .join(', ')}
          ): they are marked on a page only where the text around them speaks of a group.
        </p>
      )}
      <details open={names.length <= 20}>
        <summary>
          {common.length} common, {coined.length} coined, {own.length} standing on their own
        </summary>
        <ul>
          {[...common, ...coined, ...own].map((n, i) => (
            <li key={i}>
              <strong>{n.name}</strong> → {n.to}
              {NOTE[n.risk] && (
                <span class={n.risk === 'generic' ? 'warning' : undefined}>{NOTE[n.risk]}</span>
              )}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

/** The dry run of an overlay import, shown before anything is written. */
export function OverlayImportSummary({
  fileName,
  report,
  onConfirm,
  onCancel,
}: {
  fileName: string;
  report: Summary;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { counts } = report;
  const of = (v: PlannedItem['verdict']) => report.items.filter((i) => i.verdict === v);
  return (
    <section class="import" aria-label="Import summary">
      <h2>Import {fileName} into your KB?</h2>
      <p>
        {report.label}: {report.items.length + report.invalid.length} actors and agencies read.
      </p>
      <ul>
        <li>{counts.new} new</li>
        <li>{counts.merged} merged (new names for a bundled entity or an entry of your KB)</li>
        <li>{counts.unchanged} already known (nothing to add)</li>
        <li>{counts.conflict} conflicting (not imported)</li>
        <li>{report.invalid.length} invalid (skipped)</li>
        {report.ignored > 0 && <li>{report.ignored} other objects (not actors or agencies, left out)</li>}
        {report.retired > 0 && <li>{report.retired} revoked or deprecated (left out)</li>}
      </ul>
      <AddedNames names={addedNames(report.items)} />
      <Group title="New" items={of('new')} />
      <Group title="Merged" items={of('merged')} />
      <Group title="Conflicting" items={of('conflict')} />
      <Group title="Already known" items={of('unchanged')} />
      <InvalidRecords invalid={report.invalid} shown={SHOWN} />
      <ImportButtons writes={report.writes} onConfirm={onConfirm} onCancel={onCancel} />
    </section>
  );
}

/**
 * "Import a MISP galaxy or a STIX bundle" in the Your KB view: read the file, show the dry run's summary,
 * and write it all (one transaction in the background) only on Confirm.
 */
export function OverlayImport({ send }: OverlayImportProps) {
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const importFile = useImportFile(
    async (text) => {
      const r = await send(text, false);
      return r.ok ? r : { ok: false as const, error: `${r.error} Nothing was changed.` };
    },
    {
      onStart: () => {
        setError(undefined);
        setStatus(undefined);
      },
      onError: setError,
    },
  );
  const { pending, setPending } = importFile;

  const confirm = async (p: NonNullable<typeof pending>) => {
    setPending(undefined);
    try {
      const r = await send(p.text, true);
      if (!r.ok) {
        setError(`Import failed: ${r.error} Nothing was changed.`);
        return;
      }
      const c = r.counts;
      setStatus(
        `Imported ${p.fileName} into your KB: ${c.new} new, ${c.merged} merged, ${c.unchanged} already known, ${c.conflict} conflicting not imported.`,
      );
    } catch (e) {
      setError(`Import failed: ${message(e)} Nothing was changed.`);
    }
  };

  return (
    <section class="overlay-import" aria-label="Import into your KB">
      <div class="io">
        <ImportFileButton
          label="Import MISP galaxy or STIX bundle"
          inputLabel="Import galaxy or bundle file"
          accept=".json,application/json,application/stix+json"
          flow={importFile}
        />
      </div>
      <StatusRegion error={error}>{status}</StatusRegion>
      {pending && (
        <OverlayImportSummary
          fileName={pending.fileName}
          report={pending.report}
          onConfirm={() => void confirm(pending)}
          onCancel={() => setPending(undefined)}
        />
      )}
    </section>
  );
}
