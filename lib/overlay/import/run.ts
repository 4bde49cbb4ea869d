/**
 * The overlay import from a file's text to the summary (dry run) or the write (confirm). The store and the
 * overlay's whole-overlay checks are handed in, so this runs in Node against fakes and the background
 * wires the real ones. A name the overlay's checks refuse (one the matcher cannot find as written) is
 * left out of its record with a warning, or, when it is the record's own name, the record becomes a
 * conflict: the summary shows exactly what a confirm writes, and the write is one batch, all or nothing.
 */
import type { KnowledgeBase } from '../../kb/types';
import { matchKey } from '../match-key';
import type { Overlay, OverlayEntry } from '../model';
import { importedNameRisk } from '../name-risk';
import type { ImportCandidate } from './candidate';
import { type PlannedItem, planOverlayImport, withWrites } from './classify';
import { parseImportFile } from './parse';
import type { OverlayImportReport } from './report';

/** What the import needs from the background. */
export interface OverlayImportDeps {
  kb: KnowledgeBase;
  /** The stored overlay. */
  read(): Promise<Overlay>;
  /** The overlay's own checks on a whole overlay: each problem names the entry's key and says why. */
  problems(overlay: Overlay): readonly { key: string; message: string }[];
  /** Writes the entries in one transaction; an error means nothing was written. */
  write(entries: OverlayEntry[]): Promise<{ ok: true } | { ok: false; error: string }>;
  now(): Date;
}

/** Rounds of leaving out refused names before giving up (each round settles every problem it sees). */
const ROUNDS = 4;

/** The name a problem is about: the overlay's checks quote it (“…”). */
const quoted = (message: string) => /“([^”]+)”/.exec(message)?.[1];

/** Reads the file, plans it, and (when `apply`) writes it; the answer is the summary either way. */
export async function runOverlayImport(
  text: string,
  apply: boolean,
  deps: OverlayImportDeps,
): Promise<OverlayImportReport> {
  const parsed = parseImportFile(text);
  if (!parsed.ok) return parsed;
  const overlay = await deps.read();
  const ctx = { kb: deps.kb, overlay, label: parsed.label, now: deps.now().toISOString() };
  const candidates: ImportCandidate[] = [...parsed.candidates];
  /** Candidates (by position in `candidates`) refused by the overlay's checks, and why. */
  const refused = new Map<number, string>();
  let plan = planOverlayImport(candidates, ctx);
  for (let round = 0; plan.ok && plan.writes.length > 0; round++) {
    const written = new Set(plan.writes.map((w) => ('extends' in w ? w.extends : w.id)));
    const all = deps.problems(withWrites(overlay, plan.writes));
    // A problem of the overlay as a whole (too many names) is the file's: no record can be left out for it.
    const whole = all.find((p) => p.key === '');
    if (whole) return { ok: false, error: `Your KB would not accept it: ${whole.message}` };
    const problems = all.filter((p) => written.has(p.key));
    if (problems.length === 0) break;
    if (round === ROUNDS) return { ok: false, error: `Your KB would not accept it: ${problems[0]!.message}` };
    for (const p of problems) {
      const name = quoted(p.message);
      const key = name === undefined ? undefined : matchKey(name);
      const blamed = plan.items.filter(
        (it) => (it.verdict === 'new' || it.verdict === 'merged') && it.target?.id === p.key,
      );
      for (const it of blamed) {
        const at = candidates.findIndex((c) => c.index === it.index);
        const c = candidates[at]!;
        if (key !== undefined && matchKey(c.name) !== key) {
          if (!c.aliases.some((a) => matchKey(a) === key)) continue;
          candidates[at] = {
            ...c,
            aliases: c.aliases.filter((a) => matchKey(a) !== key),
            warnings: [...c.warnings, `alias "${name}" left out: ${p.message}`],
          };
        } else if (key === undefined || it.added.some((n) => matchKey(n) === key)) refused.set(at, p.message);
      }
    }
    plan = planOverlayImport(
      candidates.filter((_, i) => !refused.has(i)),
      ctx,
    );
  }
  if (!plan.ok) return plan;
  const items: PlannedItem[] = [...plan.items];
  for (const [at, reason] of refused) {
    const c = candidates[at]!;
    items.push({
      index: c.index,
      kind: c.kind,
      name: c.name,
      verdict: 'conflict',
      reason,
      added: [],
      warnings: c.warnings,
    });
    plan.counts.conflict++;
  }
  items.sort((a, b) => a.index - b.index);
  for (const it of items) {
    if (it.verdict !== 'new' && it.verdict !== 'merged') continue;
    const context = it.added.flatMap((name) => {
      const risk = importedNameRisk(name);
      return risk === 'distinctive' ? [] : [{ name, risk }];
    });
    if (context.length) it.needsContext = context;
  }
  if (apply && plan.writes.length > 0) {
    const r = await deps.write(plan.writes);
    if (!r.ok) return { ok: false, error: r.error };
  }
  return {
    ok: true,
    applied: apply,
    format: parsed.format,
    label: parsed.label,
    counts: plan.counts,
    items,
    invalid: parsed.invalid,
    ignored: parsed.ignored,
    retired: parsed.retired,
    writes: plan.writes.length,
  };
}
