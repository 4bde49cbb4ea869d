/**
 * Writes `data/kb/tables.json`: the name table and the matcher's tables compiled from it, as one JSON string
 * in the format lib/kb/tables.ts reads (sections, lines and fields cut by plain ASCII characters, anything
 * else escaped), so the browser evaluates one escape-free one-byte string literal and parses nothing.
 */
import { ESCAPE, FIELD, ROW, SECTION, TABLES_FORMAT } from '../../lib/kb/tables';
import type { NameTableFile } from '../../lib/kb/types';
import type { MatcherData } from '../../lib/match/compile';

/** Printable ASCII except the separators, the escape character, quotes and the backslash. */
const PLAIN = new RegExp(
  `[^ -~]|[${[SECTION, ROW, FIELD, ESCAPE].map((c) => `\\${c}`).join('')}"'\\\\\`]`,
  'g',
);

/** Empty fields at the end of an entity line (no country, no agency kind) are left out. */
const TRAILING_FIELDS = new RegExp(`\\${FIELD}+$`);

/** One field with every character that is not plain written as `%` and four hex digits (per code unit). */
export function escapeField(text: string): string {
  return text.replace(PLAIN, (ch) => `${ESCAPE}${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The lines of the entity and name sections: each entity once, then each name with its entity's line. */
function packRows(file: NameTableFile): { entities: string[]; names: string[] } {
  const entityLine = new Map<string, number>();
  const entities: string[] = [];
  const names: string[] = [];
  for (const row of file.rows) {
    const [name, id, kind, flags, canonical, country = '', agencyKind = ''] = row;
    const entity = [id, kind, canonical, country, agencyKind]
      .map(escapeField)
      .join(FIELD)
      .replace(TRAILING_FIELDS, '');
    let line = entityLine.get(id);
    if (line === undefined) {
      line = entities.length;
      entityLine.set(id, line);
      entities.push(entity);
    } else if (entities[line] !== entity) {
      throw new Error(`entity ${id} has different facts in two name rows`);
    }
    names.push([escapeField(name), line, flags].join(FIELD));
  }
  return { entities, names };
}

/**
 * The committed file's exact text. Most entities have several names, so writing each entity once keeps
 * the string a third shorter than one full row per name; the base64 sections are plain already.
 */
export function serializeTables(file: NameTableFile, data: MatcherData): string {
  const { entities, names } = packRows(file);
  if (data.rows !== file.rows.length) throw new Error('matcher tables compiled from another name table');
  const sections = [
    `${TABLES_FORMAT}${FIELD}${data.rows}`,
    escapeField(data.labels),
    data.first,
    data.accept,
    data.sep,
    data.groupStarts,
    data.groupRows,
    entities.join(ROW),
    names.join(ROW),
  ];
  return `${JSON.stringify(sections.join(SECTION))}\n`;
}
