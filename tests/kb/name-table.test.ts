import { describe, expect, it } from 'vitest';
import { BUNDLED_LINES, decodeNameTable, PackedNameTable } from '../../lib/kb/name-table';
import { loadNameTable } from '../../lib/kb/names';
import { readTables, SECTION } from '../../lib/kb/tables';
import type { NameTableFile } from '../../lib/kb/types';
import { compileData } from '../../lib/match/compile';
import { escapeField, serializeTables } from '../../scripts/kb/tables';

const file: NameTableFile = {
  version: 1,
  rows: [
    ['APT31', 'apt31', 'actor', 4, 'APT31', 'CN'],
    ['Judgment Panda', 'apt31', 'actor', 0, 'APT31', 'CN'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a name with characters the format must escape
    ['Back`tick ${x} \\ "q" \'s | ~ ^ % name', 'odd', 'actor', 0, 'Odd|one'],
    ['中华人民共和国国家安全部', 'cn-mss', 'agency', 72, 'Ministry of State Security', 'CN', 'intelligence'],
    ['MSS', 'cn-mss', 'agency', 72, 'Ministry of State Security', 'CN', 'intelligence'],
    ['Foreign Ministry', 'xx-mfa', 'agency', 8, 'Ministry of Foreign Affairs', '', 'ministry'],
  ],
};

/** The string the file holds, as a page gets it. */
const packed = (f: NameTableFile) =>
  JSON.parse(serializeTables(f, compileData(decodeNameTable(f)))) as string;

describe('bundled tables (data/kb/tables.json)', () => {
  it('store each entity once and give back every row as it was', () => {
    const { entities, names } = readTables(packed(file));
    const table = new PackedNameTable(entities, names, BUNDLED_LINES);
    expect(table.length).toBe(6);
    expect(table.rows()).toEqual(decodeNameTable(file));
  });

  it('are one string of printable ASCII without quotes or backslashes, nothing to escape in a literal', () => {
    const text = packed(file);
    expect(text).toMatch(/^[ -~]*$/);
    expect(text).not.toMatch(/["'`\\]/);
    expect(text.split(SECTION)).toHaveLength(9);
    expect(escapeField('Ú|😀')).toBe('%C3%9A%7C%F0%9F%98%80');
    expect(() => escapeField('\ud800x')).toThrow(/surrogate/);
  });

  it('carry the matcher tables with their labels unescaped', () => {
    const data = compileData(decodeNameTable(file));
    const { rows, labels, first, groupRows } = readTables(packed(file));
    expect({ rows, labels, first, groupRows }).toEqual({
      rows: data.rows,
      labels: data.labels,
      first: data.first,
      groupRows: data.groupRows,
    });
  });

  it('refuse an entity whose facts differ between two of its names', () => {
    const bad: NameTableFile = {
      version: 1,
      rows: [file.rows[0]!, ['X', 'apt31', 'actor', 0, 'Other', 'CN']],
    };
    expect(() => packed(bad)).toThrow(/apt31/);
  });

  it('refuse another format version', () => {
    expect(() => readTables(packed(file).replace(/^\d+/, '3'))).toThrow(/format/);
  });

  it('bundle the compiled table: every row has an id, a kind and a canonical name', () => {
    const rows = loadNameTable();
    expect(rows.length).toBeGreaterThan(3000);
    for (const r of rows)
      expect(r.id && r.canonical && (r.kind === 'actor' || r.kind === 'agency')).toBeTruthy();
  });
});
