/**
 * `npm run bench:cli`: how long an `apt-lens` call takes from the shell, process start to exit, for the bundled
 * CLI (dist/cli/, `npm run build:cli`) and, for comparison, the TypeScript source run through tsx. Each
 * command runs a few times to warm the file cache, then 15 times measured. Prints numbers only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const page = join(root, '../shared/corpus/news-pages/001.html');
/** A text dense with names (135 mentions in 9 KB): the matcher's whole first-use cost, no HTML parser. */
const text = join(root, 'tests/fixtures/eval/attribution.txt');
const RUNS = 15;

function time(argv: string[]): number[] {
  const ms: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, argv, { cwd: root, encoding: 'utf8' });
    const t = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
    if (i >= 3) ms.push(t);
  }
  return ms.sort((a, b) => a - b);
}

const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const row = (label: string, xs: number[]) =>
  console.log(
    `${label.padEnd(44)} median ${q(xs, 0.5).toFixed(0).padStart(5)} ms  p90 ${q(xs, 0.9).toFixed(0).padStart(5)} ms  min ${xs[0]!.toFixed(0).padStart(5)} ms`,
  );

if (!existsSync(join(root, 'dist/cli/cli.mjs'))) {
  console.error('bench:cli needs the bundle: run `npm run build:cli` first');
  process.exit(1);
}
const fromSource = ['--import', 'tsx/esm', '--input-type=module', '-e'];
const sourceMain = (args: string[]) => [
  ...fromSource,
  `const { main } = await import('./scripts/cli.ts'); process.exitCode = await main(${JSON.stringify(args)});`,
];

console.log(`apt-lens start-up, process start to exit (${RUNS} runs each)`);
row('node -e 0 (Node alone)', time(['-e', '0']));
row('bundle: apt-lens --version', time(['bin/apt-lens.mjs', '--version']));
row('bundle: apt-lens search APT31', time(['bin/apt-lens.mjs', 'search', 'APT31']));
row('bundle: apt-lens scan attribution.txt', time(['bin/apt-lens.mjs', 'scan', text]));
if (existsSync(page)) row('bundle: apt-lens scan 001.html', time(['bin/apt-lens.mjs', 'scan', page]));
row('source through tsx: apt-lens search APT31', time(sourceMain(['search', 'APT31'])));
