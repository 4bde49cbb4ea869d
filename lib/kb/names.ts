import namesFile from './data/names.json';
import type { NameRow, NameTableFile } from './types';

/** Turns one tuple of the table into a row; the matcher decodes only the rows a text hits. */
export function decodeNameRow([
  name,
  id,
  kind,
  flags,
  canonical,
  country,
  agencyKind,
]: NameTableFile['rows'][number]): NameRow {
  return {
    name,
    id,
    kind,
    flags,
    canonical,
    ...(country ? { country } : {}),
    ...(agencyKind ? { agencyKind } : {}),
  };
}

/** Turns the compact tuple file into rows; kept separate so tests can feed their own tables. */
export function decodeNameTable(file: NameTableFile): NameRow[] {
  return file.rows.map(decodeNameRow);
}

/** The bundled name table: what the content script and `apt-lens scan` match against. */
export function loadNameTable(): NameRow[] {
  return decodeNameTable(namesFile as NameTableFile);
}
