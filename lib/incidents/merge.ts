/**
 * Import merge rules: a new id is added; for an id already stored, the record with the newer `updatedAt`
 * wins; an identical record is "unchanged"; an older one is kept out and counted.
 */
import type { Incident } from './model';

/** What an import would do, computed before anything is written (the dry run). */
export interface ImportPlan {
  add: Incident[];
  update: Incident[];
  unchanged: number;
  /** Same id already stored with a newer (or equal but different) `updatedAt`: the stored one wins. */
  older: number;
}

/** JSON with keys sorted, so two records compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(
          Object.entries(val as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : val,
  );
}

/** Whether two incidents hold the same data. */
export function sameIncident(a: Incident, b: Incident): boolean {
  return canonical(a) === canonical(b);
}

/** Plans an import against what is stored (`stored(id)` looks one up). */
export function planImport(
  incoming: readonly Incident[],
  stored: (id: string) => Incident | undefined,
): ImportPlan {
  const plan: ImportPlan = { add: [], update: [], unchanged: 0, older: 0 };
  for (const inc of incoming) {
    const cur = stored(inc.id);
    if (!cur) plan.add.push(inc);
    else if (sameIncident(cur, inc)) plan.unchanged++;
    else if (Date.parse(inc.updatedAt) > Date.parse(cur.updatedAt)) plan.update.push(inc);
    else plan.older++;
  }
  return plan;
}
