/**
 * Bundles the `apt-lens` CLI into dist/cli/ so a call starts in plain Node instead of compiling TypeScript
 * through tsx first. npm packages stay external (they are the package's `dependencies`); each subcommand is its
 * own chunk, so `search` never loads the HTML parser that `scan` needs.
 */
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { searchDocs, searchIndexJson } from '../lib/kb/search';
import type { KnowledgeBase } from '../lib/kb/types';
import { jsonModule, stringLiteral } from './build/vite-plugins';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The compiled KB's JSON as the extension build loads it: the KB through one `JSON.parse` of a string (an
 * object literal of it takes Node twice as long to evaluate), the matcher's tables as one string literal.
 */
const kbData: Plugin = {
  name: 'apt-lens-kb-data',
  setup(b) {
    b.onLoad({ filter: /[/\\]data[/\\]kb[/\\][^/\\]+\.json$/ }, async (args) => ({
      contents: jsonModule(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
    // `search` needs the index only: made here once, loaded by each call (scripts/cli/search-index.ts).
    b.onLoad({ filter: /[/\\]scripts[/\\]cli[/\\]search-index\.ts$/ }, async () => {
      const kb = JSON.parse(await readFile(join(root, 'data/kb/kb.json'), 'utf8')) as KnowledgeBase;
      const index = stringLiteral(searchIndexJson(searchDocs(kb)));
      return {
        contents: `import { searchFromJson } from '../../lib/kb/search';\nexport function cliSearch() { return searchFromJson(${index}); }`,
        resolveDir: join(root, 'scripts/cli'),
        loader: 'js',
      };
    });
  },
};
const outdir = join(root, 'dist/cli');

await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { cli: join(root, 'scripts/cli.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  plugins: [kbData],
  logLevel: 'warning',
});
console.log(`apt-lens CLI bundled into ${outdir}`);
