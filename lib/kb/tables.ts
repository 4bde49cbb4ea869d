/**
 * The bundled tables' format: the name table and the matcher's compiled tables as one string
 * (`data/kb/tables.json`, written by `npm run kb`), cut into its sections by one split on first use.
 * One string of printable ASCII with no quote or backslash, because that is the cheapest thing a page can
 * evaluate: the literal needs no escape, the browser keeps it one byte per character, and nothing is built
 * from it until a page asks (a JSON text to parse, or two-byte strings, cost every frame more).
 */

/** Format version, the first field of the string: bump when the sections change. */
export const TABLES_FORMAT = 4;
/** Separates the sections. */
export const SECTION = '^';
/** Separates the lines of the entity and name sections. */
export const ROW = '~';
/** Separates the fields of a line. */
export const FIELD = '|';
/**
 * Starts an escape: anything outside the plain characters is written as its UTF-8 bytes in `%XX` form, as
 * `decodeURIComponent` reads it, so undoing the escapes is one native call and no pattern or callback.
 */
export const ESCAPE = '%';

/** The sections, in their order in the string (after the header `format|rows`). */
export interface TableSections {
  /** How many name rows the matcher's tables were compiled from. */
  rows: number;
  /** The matcher's tree and groups (`MatcherData` fields; `labels` already unescaped). */
  labels: string;
  first: string;
  accept: string;
  sep: string;
  groupStarts: string;
  groupRows: string;
  /** One entity per `ROW`: id, kind, canonical name, country, agency kind (`FIELD`-separated, escaped). */
  entities: string;
  /** One name per `ROW`: the name, its entity's line, its NameFlag bits (`FIELD`-separated, escaped). */
  names: string;
}

/** Undoes the escapes of one field or section (a no-op for the many fields without any). */
export function unescapeTables(text: string): string {
  return text.includes(ESCAPE) ? decodeURIComponent(text) : text;
}

/** Cuts the string into its sections; throws on another format version. */
export function readTables(text: string): TableSections {
  const [header = '', labels, first, accept, sep, groupStarts, groupRows, entities, names, extra] =
    text.split(SECTION);
  const [format, rows] = header.split(FIELD);
  if (Number(format) !== TABLES_FORMAT || names === undefined || extra !== undefined)
    throw new Error(`bundled tables: expected format ${TABLES_FORMAT} with 9 sections, got '${header}'`);
  return {
    rows: Number(rows),
    labels: unescapeTables(labels!),
    first: first!,
    accept: accept!,
    sep: sep!,
    groupStarts: groupStarts!,
    groupRows: groupRows!,
    entities: entities!,
    names,
  };
}
