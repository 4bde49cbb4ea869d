/**
 * The matcher over the bundled KB, loaded from the prebuilt tables: no name is folded or inserted at load,
 * and a row of the name table is decoded only when a text hits it.
 */
import matcherFile from '../kb/data/matcher.json';
import namesFile from '../kb/data/names.json';
import { decodeNameRow } from '../kb/names';
import type { NameTableFile } from '../kb/types';
import { Compiled, type MatcherData } from './compile';

/** Loads the bundled name table's compiled tables (what the content script and the CLI scan with). */
export function loadBundledTables(): Compiled {
  const rows = (namesFile as NameTableFile).rows;
  return new Compiled(matcherFile as MatcherData, (i) => decodeNameRow(rows[i]!));
}
