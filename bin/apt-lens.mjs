#!/usr/bin/env node
// Runs the bundled CLI (dist/cli/, made by `npm run build:cli`, which `npm ci` runs through `prepare`).
// Without the bundle it says so and falls back to the TypeScript source through tsx, which starts slower.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/cli.mjs', import.meta.url);
let main;
if (existsSync(bundle)) ({ main } = await import(bundle.href));
else {
  process.stderr.write(
    'apt-lens: no bundle in dist/cli/ (run `npm run build:cli`); running from source, slower\n',
  );
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../scripts/cli.ts'));
}
process.exitCode = await main(process.argv.slice(2));
