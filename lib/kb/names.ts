/** The bundled name table (`data/names.ts`, written by `npm run kb`). */
import { ENTITIES, NAMES } from './data/names';
import { PackedNameTable } from './name-table';
import type { NameRow } from './types';

let bundled: PackedNameTable | undefined;

/** The bundled name table: what the content script and `apt-lens scan` match against. */
export function bundledNameTable(): PackedNameTable {
  bundled ??= new PackedNameTable(ENTITIES, NAMES);
  return bundled;
}

/** Every row of the bundled name table, decoded. */
export function loadNameTable(): NameRow[] {
  return bundledNameTable().rows();
}
