/**
 * The name table's packed form: two strings, a line per entity and a line per name, because a page pays at
 * load for every object it parses and every character it evaluates: a row is split into fields only when a
 * text hits it. The bundled table comes packed this way inside `data/kb/tables.json` (./tables.ts), the
 * reader's own in the stored overlay matcher (newline and tab separated).
 */
import { FIELD, ROW, unescapeTables } from './tables';
import type { NameRow, NameTableFile } from './types';

type Tuple = NameTableFile['rows'][number];

/** Turns one tuple of the table into a row. */
export function decodeNameRow([name, id, kind, flags, canonical, country, agencyKind]: Tuple): NameRow {
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

/** Turns the compact tuple table into rows; kept separate so tests can feed their own tables. */
export function decodeNameTable(file: NameTableFile): NameRow[] {
  return file.rows.map(decodeNameRow);
}

/** How a packed table's lines and fields are separated, and how its text is unescaped. */
export interface PackedLines {
  row: string;
  field: string;
  unescapeField: (text: string) => string;
}

/** Newline and tab separated, nothing escaped (the stored overlay matcher). */
export const TEXT_LINES: PackedLines = { row: '\n', field: '\t', unescapeField: (text) => text };

/** The bundled tables' separators and escapes (./tables.ts). */
export const BUNDLED_LINES: PackedLines = { row: ROW, field: FIELD, unescapeField: unescapeTables };

/** A packed name table: rows are found and split on demand. */
export class PackedNameTable {
  private entityLines: string[] | undefined;
  private nameLines: string[] | undefined;

  constructor(
    private readonly entities: string,
    private readonly names: string,
    private readonly format: PackedLines = TEXT_LINES,
  ) {}

  /** How many rows the table has. */
  get length(): number {
    return this.lines().names.length;
  }

  /** The i-th row, decoded now. */
  row(i: number): NameRow {
    const { names, entities } = this.lines();
    const { field, unescapeField } = this.format;
    // Split first: an escaped separator inside a field is text.
    const [name, line, flags] = names[i]!.split(field).map(unescapeField);
    const [id, kind, canonical, country, agencyKind] =
      entities[Number(line)]!.split(field).map(unescapeField);
    return decodeNameRow([
      name!,
      id!,
      kind as Tuple[2],
      Number(flags),
      canonical!,
      country,
      agencyKind as Tuple[6],
    ]);
  }

  /** Every row, decoded (tools and tests; the content script decodes only what it hits). */
  rows(): NameRow[] {
    return Array.from({ length: this.length }, (_, i) => this.row(i));
  }

  /** The tables' lines, cut by one native split each on first use (a search loop costs more in a fresh tab). */
  private lines(): { names: string[]; entities: string[] } {
    this.nameLines ??= this.names.split(this.format.row);
    this.entityLines ??= this.entities.split(this.format.row);
    return { names: this.nameLines, entities: this.entityLines };
  }
}
