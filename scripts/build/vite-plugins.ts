/**
 * Build steps that make the bundled scripts cheap for the browser to load. The content script runs in
 * every frame of every page, so what its start-up costs is paid on every page the reader opens; each step
 * says what it saved, measured in a fresh tab on the news corpus.
 */
import { readFileSync } from 'node:fs';
import { type Node, parse } from 'acorn';
import type { Plugin } from 'vite';

/**
 * The compiled knowledge base and matcher tables are large: shipped as one string for `JSON.parse`, they
 * load several times faster than the same data as a JavaScript object literal (Vite's default).
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
      return resolved?.id.includes('/lib/kb/data/') ? `${prefix}${resolved.id}.mjs` : null;
    },
    load(id) {
      if (!id.startsWith(prefix)) return null;
      const text = readFileSync(id.slice(prefix.length, -'.mjs'.length), 'utf8');
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))});`;
    },
  };
}

/** Template literals at least this long are rewritten as plain strings. */
const BIG_TEMPLATE = 4096;

/**
 * Two rewrites of the minified chunks, after minification (which would undo them):
 * - Big template literals without substitutions become plain string literals. The minifier writes long
 *   strings with backticks, and a fresh tab evaluates a 250 KB template about 3 ms slower than the same
 *   text in double quotes (the name table and the matcher tables both hit this).
 * - Everything is written in ASCII, other characters as \u escapes. One non-ASCII character (a name in
 *   Cyrillic, a curly quote in a pattern) makes the browser hold and scan the whole script as two-byte
 *   text, about 8 ms more per page. The escapes mean the same wherever such a character can stand in this
 *   code: strings, templates, patterns, comments.
 */
export function fastLoadingChunks(): Plugin {
  return {
    name: 'apt-lens:fast-loading-chunks',
    enforce: 'post',
    generateBundle(options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        file.code = asciiOnly(plainBigTemplates(file.code, options.format === 'es' ? 'module' : 'script'));
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

/** The code with every non-ASCII character written as a \u escape. */
export function asciiOnly(code: string): string {
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
