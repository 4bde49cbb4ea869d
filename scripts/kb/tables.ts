/**
 * Writes `data/kb/tables.json`: the name table and the matcher's tables compiled from it, as one JSON string
 * in the format lib/kb/tables.ts reads (sections, lines and fields cut by plain ASCII characters, anything
 * else escaped), so the browser evaluates one escape-free one-byte string literal and parses nothing.
 */
import { ESCAPE, FIELD, ROW, SECTION, TABLES_FORMAT } from '../../lib/kb/tables';
import type { NameTableFile } from '../../lib/kb/types';
import type { MatcherData } from '../../lib/match/compile';

/** What is not plain: outside printable ASCII (a surrogate pair as one), the separators, the escape, quotes, backslash. */
const PLAIN = new RegExp(
  `[\\ud800-\\udbff][\\udc00-\\udfff]|[^ -~]|[${[SECTION, ROW, FIELD, ESCAPE].map((c) => `\\${c}`).join('')}"'\\\\\`]`,
  'g',
);

/** Empty fields at the end of an entity line (no country, no agency kind) are left out. */
const TRAILING_FIELDS = new RegExp(`\\${FIELD}+$`);

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const utf8 = new TextEncoder();

/**
 * One field with every character that is not plain written as its UTF-8 bytes, `%XX` each (what
 * `decodeURIComponent` undoes). A lone surrogate has no UTF-8 form, so it is refused.
 */
export function escapeField(text: string): string {
  if (LONE_SURROGATE.test(text))
    throw new Error(`bundled tables: a lone surrogate in ${JSON.stringify(text)}`);
  return text.replace(PLAIN, (ch) =>
    [...utf8.encode(ch)].map((b) => `${ESCAPE}${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
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
