import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadNameTable } from '../../lib/kb/names';
import { loadBundledTables } from '../../lib/match/bundled';
import { compileData } from '../../lib/match/compile';
import { createMatcher, matcherOver } from '../../lib/match/find-mentions';
import { serializeMatcher } from '../../lib/match/prebuilt';

const root = join(import.meta.dirname, '..', '..');

describe('prebuilt matcher (lib/kb/data/matcher.json)', () => {
  it('is up to date with the name table', () => {
    expect(serializeMatcher(compileData(loadNameTable())), 'matcher.json is stale: run npm run kb').toBe(
      readFileSync(join(root, 'lib/kb/data/matcher.json'), 'utf8'),
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
