/**
 * No import loop between lib/'s folders (docs/architecture.md): Biome's noImportCycles sees file cycles, and
 * the layer rules in biome.json forbid each upward import they name; this reads every import of lib/ and
 * checks the folder graph itself has no cycle, so a folder the rules do not name yet cannot start one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/** lib/'s source files (the compiled KB data left out). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path === join('lib', 'kb', 'data') ? [] : sources(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** A file's unit in the graph: its folder under lib/, or the module itself for a file at lib/'s top. */
const unitOf = (path: string) => path.split('/')[1]!.replace(/\.tsx?$/, '');

/** Folder → the folders it imports (relative imports only; packages are not part of lib/'s order). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sources('lib')) {
    const from = unitOf(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = normalize(join(dirname(file), m[1]!));
      if (!target.startsWith('lib/')) continue;
      const to = unitOf(target);
      if (to !== from) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

/** The first cycle found by a depth-first walk, as the list of folders on it; [] when there is none. */
function firstCycle(graph: Map<string, Set<string>>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found.length) return found;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return [];
  };
  for (const node of graph.keys()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found.length) return found;
  }
  return [];
}

describe("lib/'s folders", () => {
  it('import each other without a loop', () => {
    const graph = folderGraph();
    expect(graph.size).toBeGreaterThan(5);
    expect(firstCycle(graph)).toEqual([]);
  });

  it('finds a loop when there is one (the check itself works)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(firstCycle(graph)).toEqual(['a', 'b', 'c', 'a']);
  });
});
