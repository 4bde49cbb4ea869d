/**
 * Bundles the `apt-lens` CLI into dist/cli/ so a call starts in plain Node instead of compiling TypeScript
 * through tsx first. npm packages stay external (they are the package's `dependencies`); each subcommand is its
 * own chunk, so `search` never loads the HTML parser that `scan` needs.
 */
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
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
  logLevel: 'warning',
});
console.log(`apt-lens CLI bundled into ${outdir}`);
