/**
 * The matcher over the bundled KB, loaded from the prebuilt tables (`data/kb/tables.json`, one string cut
 * into sections once): no name is folded or inserted at load, and a row of the name table is decoded only
 * when a text hits it.
 */
import { bundledNameTable, bundledSections } from '../kb/names';
import { Compiled } from './compile';

/** Loads the bundled name table's compiled tables (what the content script and the CLI scan with). */
export function loadBundledTables(): Compiled {
  const { rows, labels, first, accept, sep, groupStarts, groupRows } = bundledSections();
  const names = bundledNameTable();
  return new Compiled({ rows, labels, first, accept, sep, groupStarts, groupRows }, (i) => names.row(i));
}
