/** The bundled name table, read from the bundled tables (`data/kb/tables.json`, written by `npm run kb`). */
import TABLES from '../../data/kb/tables.json';
import { BUNDLED_LINES, PackedNameTable } from './name-table';
import { readTables, type TableSections } from './tables';
import type { NameRow } from './types';

let sections: TableSections | undefined;
let bundled: PackedNameTable | undefined;

/** The bundled tables cut into sections, once per context (the matcher's tables and the name table). */
export function bundledSections(): TableSections {
  sections ??= readTables(TABLES);
  return sections;
}

/** The bundled name table: what the content script and `apt-lens scan` match against. */
export function bundledNameTable(): PackedNameTable {
  const { entities, names } = bundledSections();
  bundled ??= new PackedNameTable(entities, names, BUNDLED_LINES);
  return bundled;
}

/** Every row of the bundled name table, decoded. */
export function loadNameTable(): NameRow[] {
  return bundledNameTable().rows();
}
