/**
 * Build steps that make the bundled scripts cheap for the browser to load. The content script runs in
 * every frame of every page, so what its start-up costs is paid on every page the reader opens; each step
 * says what it saved, measured in a fresh tab on the news corpus.
 */
import { readFileSync } from 'node:fs';
import { type Node, parse } from 'acorn';
import type { Plugin } from 'vite';

/** Where the compiled KB lives (`npm run kb`): the JSON files the build loads as data. */
export const KB_DATA_DIR = '/data/kb/';

/**
 * Exists because a big object literal is slow to evaluate: the compiled KB (670 KB of objects) evaluates
 * about twice as fast as one string for `JSON.parse` as in Vite's default object literal (19–31 ms against
 * 38–60 ms in Node's V8, `npm run bench:json`, docs/performance.md). Applies to `data/kb/*.json`.
 */
export function jsonThroughParse(): Plugin {
  const prefix = '\0apt-lens-json:';
  return {
    name: 'apt-lens:json-through-parse',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith('.json') || !importer) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      // The id must not end in .json, or Vite's own JSON plugin takes it back.
      return resolved?.id.includes(KB_DATA_DIR) ? `${prefix}${resolved.id}.mjs` : null;
    },
    load(id) {
      if (!id.startsWith(prefix)) return null;
      return jsonModule(readFileSync(id.slice(prefix.length, -'.mjs'.length), 'utf8'));
    },
  };
}

/**
 * The module for one KB data file: an object through one `JSON.parse` of a string; a file that holds one
 * string (the bundled tables) as that string literal, nothing to parse. Shared by the extension build and
 * the CLI's (scripts/build-cli.ts).
 */
export function jsonModule(text: string): string {
  const data: unknown = JSON.parse(text);
  return typeof data === 'string'
    ? `export default ${stringLiteral(data)};`
    : `export default JSON.parse(${JSON.stringify(JSON.stringify(data))});`;
}

/** Template literals at least this long are rewritten as plain strings. */
const BIG_TEMPLATE = 4096;

/**
 * Two rewrites of the minified chunks, after minification (which would undo them); both exist because the
 * content script is evaluated in every frame of every page (docs/performance.md):
 * - Big template literals without substitutions become plain string literals: a fresh tab evaluates a
 *   250 KB template about 3 ms slower than the same text in quotes (the name table and matcher tables).
 * - Everything is written in ASCII: one non-ASCII character made the browser hold the whole 540 KB script
 *   as two-byte text, about 8 ms more evaluation per page.
 */
export function fastLoadingChunks(): Plugin {
  return {
    name: 'apt-lens:fast-loading-chunks',
    enforce: 'post',
    generateBundle(options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        const sourceType = options.format === 'es' ? 'module' : 'script';
        file.code = asciiOnly(plainBigTemplates(file.code, sourceType), sourceType);
      }
    },
  };
}

/** Rewrites untagged template literals without substitutions, longer than `BIG_TEMPLATE`, as strings. */
export function plainBigTemplates(code: string, sourceType: 'module' | 'script'): string {
  const ast = parse(code, { ecmaVersion: 'latest', sourceType });
  const edits: { start: number; end: number; text: string }[] = [];
  const tagged = new Set<Node>();
  visit(ast, (node) => {
    if (node.type === 'TaggedTemplateExpression') tagged.add((node as unknown as { quasi: Node }).quasi);
    if (node.type !== 'TemplateLiteral' || tagged.has(node)) return;
    const { quasis, expressions } = node as unknown as {
      quasis: { value: { cooked: string | null } }[];
      expressions: unknown[];
    };
    const cooked = quasis[0]?.value.cooked;
    if (expressions.length === 0 && cooked != null && node.end - node.start >= BIG_TEMPLATE) {
      edits.push({ start: node.start, end: node.end, text: stringLiteral(cooked) });
    }
  });
  let out = code;
  for (const e of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/**
 * A string literal for `text`, in the quote that needs fewer escapes: JSON text in double quotes would
 * escape every quote of every key, and escapes slow the browser's scan of the literal down.
 */
export function stringLiteral(text: string): string {
  const doubles = text.split('"').length;
  const q = doubles > text.split("'").length ? "'" : '"';
  // Only line breaks, the backslash and the quote need escapes; a raw tab is valid in a string literal.
  const body = text.replace(/[\\'"\n\r\u2028\u2029]/g, (ch) => {
    if (ch === '\\') return '\\\\';
    if (ch === '"' || ch === "'") return ch === q ? `\\${ch}` : ch;
    if (ch === '\n') return '\\n';
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return q + body + q;
}

/**
 * The code with every non-ASCII character written as a \u escape, which means the same in strings,
 * untagged templates, patterns, identifiers and comments. A tagged template is left as it is: its tag sees
 * the raw text, so `String.raw` of "NÚKIB" would become "N\u00daKIB" (such a chunk stays two-byte).
 */
export function asciiOnly(code: string, sourceType: 'module' | 'script' = 'module'): string {
  if (!/[^\0-\x7f]/.test(code)) return code;
  const keep: { start: number; end: number }[] = [];
  visit(parse(code, { ecmaVersion: 'latest', sourceType }), (node) => {
    if (node.type === 'TaggedTemplateExpression') {
      const { quasi } = node as unknown as { quasi: Node };
      keep.push({ start: quasi.start, end: quasi.end });
    }
  });
  let out = '';
  let at = 0;
  for (const k of keep.sort((a, b) => a.start - b.start)) {
    if (k.start < at) continue; // inside a tagged template already kept
    out += escapeNonAscii(code.slice(at, k.start)) + code.slice(k.start, k.end);
    at = k.end;
  }
  return out + escapeNonAscii(code.slice(at));
}

function escapeNonAscii(code: string): string {
  return code.replace(/[\ud800-\udbff][\udc00-\udfff]|[^\0-\x7f]/g, (ch) =>
    [...Array(ch.length).keys()].map((i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
  );
}

/** Calls `fn` on every node of an ESTree tree, parents before children. */
function visit(node: Node, fn: (node: Node) => void): void {
  fn(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item, fn);
    } else if (isNode(value)) {
      visit(value, fn);
    }
  }
}

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}
