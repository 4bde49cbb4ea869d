import namesFile from './data/names.json';
import type { NameRow, NameTableFile } from './types';

/** Turns the compact tuple file into rows; kept separate so tests can feed their own tables. */
export function decodeNameTable(file: NameTableFile): NameRow[] {
  return file.rows.map(([name, id, kind, flags, canonical, country, agencyKind]) => ({
    name,
    id,
    kind,
    flags,
    canonical,
    ...(country ? { country } : {}),
    ...(agencyKind ? { agencyKind } : {}),
  }));
}

/** The bundled name table: what the content script and `apt-lens scan` match against. */
export function loadNameTable(): NameRow[] {
  return decodeNameTable(namesFile as NameTableFile);
}
