/**
 * `npm run bench:json`: why the build ships the KB's JSON as a string for `JSON.parse` (the
 * `jsonThroughParse` plugin). Evaluates each compiled JSON file both ways in a fresh V8 context, each run
 * with a unique source so no compilation cache helps, and prints the median of 25. Prints numbers only.
 */
import { readFileSync } from 'node:fs';
import { createContext, Script } from 'node:vm';

const RUNS = 25;

/** Median milliseconds to compile and run `src` in a fresh context. */
function median(src: string): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const ctx = createContext({});
    const t = performance.now();
    new Script(`${src}\n//${i}-${Math.random()}`).runInContext(ctx);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[RUNS >> 1]!;
}

for (const file of ['kb.json']) {
  const text = JSON.stringify(JSON.parse(readFileSync(`data/kb/${file}`, 'utf8')));
  const literal = `var d = ${text};`;
  const parsed = `var d = JSON.parse(${JSON.stringify(text)});`;
  median(literal);
  median(parsed);
  const kb = (text.length / 1024).toFixed(0);
  console.log(
    `${file.padEnd(13)} ${kb.padStart(4)} KB   object literal ${median(literal).toFixed(2).padStart(6)} ms   JSON.parse ${median(parsed).toFixed(2).padStart(6)} ms`,
  );
}
