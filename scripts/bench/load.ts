/**
 * `npm run bench:load [-- --base REF]`: what the matcher and its bundled tables cost a fresh context to
 * evaluate, before and after a change to how the tables ship. The matcher is bundled twice with the same
 * esbuild settings and the extension build's rewrites (ASCII only, big templates as strings): from this
 * checkout, and from git REF (default: the commit before `data/kb/tables.json` appeared, when the tables
 * were a JS module of template strings and a JSON text). Each bundle is then run, interleaved, in fresh
 * Node processes and in fresh Chromium tabs, three ways: the tables and their loader alone, evaluated and
 * loaded; the whole matcher evaluated; and the matcher evaluated plus a first `findMentions` of one sentence
 * (which cuts the tables up and decodes the rows it hits).
 * Prints numbers only.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { chromium } from 'playwright-core';
import { asciiOnly, jsonModule, plainBigTemplates } from '../build/vite-plugins';
import { CHROMIUM } from '../dev/chromium';

const root = join(import.meta.dirname, '../..');
const RUNS = Number(process.env.RUNS ?? 15);
const SENTENCE = 'Officials said APT31, which Microsoft calls Violet Typhoon, worked for the MSS.';

/** The commit whose tables are the baseline: `--base REF`, or the parent of the one that added tables.json. */
function baseRef(): string {
  const i = process.argv.indexOf('--base');
  if (i > 0 && process.argv[i + 1]) return process.argv[i + 1]!;
  const added = execFileSync(
    'git',
    ['log', '--diff-filter=A', '--format=%H', '-1', '--', 'data/kb/tables.json'],
    { cwd: root, encoding: 'utf8' },
  ).trim();
  return added ? `${added}^` : 'HEAD';
}

/** The KB's JSON loaded as the extension build loads it (scripts/build/vite-plugins.ts), old paths too. */
const kbJson: Plugin = {
  name: 'kb-json',
  setup(b) {
    b.onLoad({ filter: /[/\\](data[/\\]kb|lib[/\\]kb[/\\]data)[/\\][^/\\]+\.json$/ }, (args) => ({
      contents: jsonModule(readFileSync(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};

/**
 * What each script does on top of being evaluated: `tables` is only the bundled tables and their loader
 * (evaluated and loaded, the part this bench is about, with the least else around it); `eval` the whole
 * matcher, evaluated; `scan` the whole matcher and a first findMentions of one sentence.
 */
const ENTRIES = {
  tables: `import { loadBundledTables } from './lib/match/bundled';\nglobalThis.tables = loadBundledTables();`,
  eval: `import { findMentions } from './lib/match/find-mentions';\nglobalThis.findMentions = findMentions;`,
  scan: `import { findMentions } from './lib/match/find-mentions';\nglobalThis.found = findMentions(${JSON.stringify(SENTENCE)}).length;`,
};

/** One minified script from `tree` (the matcher's part named by `what`). */
async function bundle(tree: string, what: keyof typeof ENTRIES): Promise<string> {
  const entry = ENTRIES[what];
  const out = await build({
    stdin: { contents: entry, resolveDir: tree, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    plugins: [kbJson],
    logLevel: 'error',
  });
  return asciiOnly(plainBigTemplates(out.outputFiles[0]!.text, 'script'), 'script');
}

/** Milliseconds to evaluate `file` in a fresh Node process (read first, so only evaluation is timed). */
function nodeRun(file: string): number {
  const code = `const c=require('fs').readFileSync(${JSON.stringify(file)},'utf8');const vm=require('vm');const t=performance.now();vm.runInThisContext(c);process.stdout.write(String(performance.now()-t));`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${median(s).toFixed(2).padStart(6)} ms  min ${s[0]!.toFixed(2).padStart(6)}  max ${s.at(-1)!.toFixed(2).padStart(6)}`;
};

/** Times each script in fresh tabs (a new context each): from the script's arrival to the end of its run. */
async function chromiumRuns(scripts: Record<string, string>): Promise<Record<string, number[]>> {
  const server = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1).split('?')[0]!;
    if (scripts[name]) {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(`${scripts[name]}\nwindow.done=performance.now();`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><p>x</p><script src="/${name.replace('.html', '')}?${Math.random()}"></script>`);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--js-flags=--no-compilation-cache'],
  });
  const out: Record<string, number[]> = Object.fromEntries(Object.keys(scripts).map((k) => [k, []]));
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      for (const name of Object.keys(scripts)) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`http://127.0.0.1:${port}/${name}.html`);
        await page.waitForFunction(() => 'done' in window);
        const ms = await page.evaluate(() => {
          const r = performance.getEntriesByType('resource')[0] as PerformanceResourceTiming;
          return (window as unknown as { done: number }).done - r.responseEnd;
        });
        if (i > 0) out[name]!.push(ms);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}

async function main(): Promise<void> {
  const ref = baseRef();
  const base = mkdtempSync(join(tmpdir(), 'apt-lens-base-'));
  try {
    const tar = execFileSync('git', ['archive', ref, 'lib', 'data'], { cwd: root, maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', base], { input: tar });
    // The baseline's npm imports resolve from this checkout's packages.
    symlinkSync(join(root, 'node_modules'), join(base, 'node_modules'));
    const scripts: Record<string, string> = {};
    for (const [label, tree] of [
      ['before', base],
      ['after', root],
    ] as const) {
      for (const what of Object.keys(ENTRIES) as (keyof typeof ENTRIES)[])
        scripts[`${label}-${what}`] = await bundle(tree, what);
    }
    console.log(
      `matcher bundle, evaluated in fresh contexts; baseline ${ref} (${RUNS} runs each, interleaved)`,
    );
    for (const [name, code] of Object.entries(scripts))
      console.log(`  ${name.padEnd(12)} ${(code.length / 1024).toFixed(0)} KB`);
    const files = Object.fromEntries(
      Object.entries(scripts).map(([name, code]) => {
        const file = join(base, `${name}.js`);
        writeFileSync(file, code);
        return [name, file];
      }),
    );
    const node: Record<string, number[]> = Object.fromEntries(Object.keys(files).map((k) => [k, []]));
    for (let i = 0; i < RUNS + 1; i++) {
      for (const [name, file] of Object.entries(files)) {
        const ms = nodeRun(file);
        if (i > 0) node[name]!.push(ms); // the first round warms the file cache
      }
    }
    console.log('Node, a fresh process per run (vm.runInThisContext of the script):');
    for (const [name, xs] of Object.entries(node)) console.log(`  ${name.padEnd(12)} ${fmt(xs)}`);
    const tabs = await chromiumRuns(scripts);
    console.log('Chromium, a fresh tab and context per run (script received to end of run):');
    for (const [name, xs] of Object.entries(tabs)) console.log(`  ${name.padEnd(12)} ${fmt(xs)}`);
    for (const what of Object.keys(ENTRIES))
      console.log(
        `after/before, ${what}: Node ${(median(node[`after-${what}`]!) / median(node[`before-${what}`]!)).toFixed(2)}×, ` +
          `Chromium ${(median(tabs[`after-${what}`]!) / median(tabs[`before-${what}`]!)).toFixed(2)}×`,
      );
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

await main();
