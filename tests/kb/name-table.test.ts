import { describe, expect, it } from 'vitest';
import { decodeNameTable, PackedNameTable, serializeNameTable } from '../../lib/kb/name-table';
import { loadNameTable } from '../../lib/kb/names';
import type { NameTableFile } from '../../lib/kb/types';

/** Evaluates the generated module's two exports. */
function load(text: string): { ENTITIES: string; NAMES: string } {
  const body = text.replace(/export const /g, 'out.');
  return new Function('out', `${body}; return out;`)({}) as { ENTITIES: string; NAMES: string };
}

const file: NameTableFile = {
  version: 1,
  rows: [
    ['APT31', 'apt31', 'actor', 4, 'APT31', 'CN'],
    ['Judgment Panda', 'apt31', 'actor', 0, 'APT31', 'CN'],
    ['Back`tick ${x} \\ name', 'odd', 'actor', 0, 'Odd'],
    ['MSS', 'cn-mss', 'agency', 72, 'Ministry of State Security', 'CN', 'intelligence'],
    ['Foreign Ministry', 'xx-mfa', 'agency', 8, 'Ministry of Foreign Affairs', '', 'ministry'],
  ],
};

describe('packed name table', () => {
  it('stores each entity once and gives back every row as it was', () => {
    const { ENTITIES, NAMES } = load(serializeNameTable(file));
    expect(ENTITIES.split('\n')).toHaveLength(4);
    const table = new PackedNameTable(ENTITIES, NAMES);
    expect(table.length).toBe(5);
    expect(table.rows()).toEqual(decodeNameTable(file));
  });

  it('refuses an entity whose facts differ between two of its names', () => {
    const bad: NameTableFile = {
      version: 1,
      rows: [file.rows[0]!, ['X', 'apt31', 'actor', 0, 'Other', 'CN']],
    };
    expect(() => serializeNameTable(bad)).toThrow(/apt31/);
  });

  it('bundles the compiled table: every row has an id, a kind and a canonical name', () => {
    const rows = loadNameTable();
    expect(rows.length).toBeGreaterThan(3000);
    for (const r of rows)
      expect(r.id && r.canonical && (r.kind === 'actor' || r.kind === 'agency')).toBeTruthy();
  });
});
