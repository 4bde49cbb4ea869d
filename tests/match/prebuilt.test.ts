import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledSections, loadNameTable } from '../../lib/kb/names';
import { loadBundledTables } from '../../lib/match/bundled';
import { compileData } from '../../lib/match/compile';
import { createMatcher, matcherOver } from '../../lib/match/find-mentions';

const root = join(import.meta.dirname, '..', '..');

describe('prebuilt matcher (in data/kb/tables.json)', () => {
  it('is up to date with the name table it ships with', () => {
    const { rows, labels, first, accept, sep, groupStarts, groupRows } = bundledSections();
    expect({ rows, labels, first, accept, sep, groupStarts, groupRows }).toEqual(
      compileData(loadNameTable()),
    );
  });

  it('finds exactly what a matcher compiled from the names finds', () => {
    const dir = join(root, 'tests/fixtures/eval');
    const text = ['attribution.txt', 'traps.txt'].map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    const loaded = matcherOver(loadBundledTables()).findMentions(text);
    expect(loaded.length).toBeGreaterThan(50);
    expect(loaded).toEqual(createMatcher(loadNameTable()).findMentions(text));
  });
});
