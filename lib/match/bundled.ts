/**
 * The matcher over the bundled KB, loaded from the prebuilt tables: no name is folded or inserted at load,
 * and a row of the name table is decoded only when a text hits it.
 */
import matcherFile from '../kb/data/matcher.json';
import { bundledNameTable } from '../kb/names';
import { Compiled, type MatcherData } from './compile';

/** Loads the bundled name table's compiled tables (what the content script and the CLI scan with). */
export function loadBundledTables(): Compiled {
  const names = bundledNameTable();
  return new Compiled(matcherFile as MatcherData, (i) => names.row(i));
}
