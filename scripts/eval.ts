/**
 * `npm run eval`: precision, recall and resolution accuracy of the mention finder on the labelled passages
 * in tests/fixtures/eval/, with every miss and false alarm listed so a change to the rules can be judged.
 * Labels are inline: `[[APT 31|a:apt31]]` (actor), `[[NÚKIB|g:cz-nukib]]` (agency), `[[Snake|?]]` (either
 * answer is fine); everything else in a passage must produce no mention.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadNameTable } from '../lib/kb/names';
import { findMentions } from '../lib/match/find-mentions';

/** A labelled span of a passage. */
export interface Gold {
  start: number;
  end: number;
  kind: 'actor' | 'agency' | 'any';
  id: string;
}

/** One passage with its labels, markup removed. */
export interface Passage {
  file: string;
  title: string;
  text: string;
  gold: Gold[];
}

const LABEL = /\[\[([^|\]]+)\|([^\]]*)\]\]/g;

/** Reads one fixture file: passages start at "## title" lines; blank lines between paragraphs stay. */
export function parseFixture(file: string, source: string): Passage[] {
  const passages: Passage[] = [];
  for (const block of source.split(/^## /m).slice(1)) {
    const newline = block.indexOf('\n');
    const title = block.slice(0, newline).trim();
    const marked = block.slice(newline + 1).trim();
    const gold: Gold[] = [];
    let text = '';
    let last = 0;
    for (const m of marked.matchAll(LABEL)) {
      text += marked.slice(last, m.index);
      const [, surface, label] = m as unknown as [string, string, string];
      const [prefix, id = ''] = label.split(':');
      const kind = prefix === 'a' ? 'actor' : prefix === 'g' ? 'agency' : 'any';
      gold.push({ start: text.length, end: text.length + surface.length, kind, id });
      text += surface;
      last = (m.index ?? 0) + m[0].length;
    }
    text += marked.slice(last);
    passages.push({ file, title, text, gold });
  }
  return passages;
}

interface Tally {
  gold: number;
  found: number;
  predicted: number;
  correct: number;
  falseAlarms: number;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

function show(text: string, span: { start: number; end: number }): string {
  const from = Math.max(0, span.start - 40);
  const to = Math.min(text.length, span.end + 40);
  return `…${text.slice(from, span.start)}[${text.slice(span.start, span.end)}]${text.slice(span.end, to)}…`.replace(
    /\s+/g,
    ' ',
  );
}

function main(): void {
  const dir = join(import.meta.dirname, '../tests/fixtures/eval');
  const passages = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => parseFixture(f, readFileSync(join(dir, f), 'utf8')));
  const known = new Set(loadNameTable().map((r) => r.id));
  const tally: Record<'actor' | 'agency', Tally> = {
    actor: { gold: 0, found: 0, predicted: 0, correct: 0, falseAlarms: 0 },
    agency: { gold: 0, found: 0, predicted: 0, correct: 0, falseAlarms: 0 },
  };
  const problems: string[] = [];
  let exactSpans = 0;
  for (const p of passages) {
    const mentions = findMentions(p.text);
    const where = `${p.file} ${p.title}`;
    for (const g of p.gold) {
      if (g.kind === 'any') continue;
      tally[g.kind].gold++;
      if (!known.has(g.id) && !/^[a-z]+$/.test(g.id)) problems.push(`UNKNOWN ID ${g.id} (${where})`);
      const m = mentions.find((x) => x.kind === g.kind && overlaps(x, g));
      if (!m) {
        problems.push(`MISS ${g.kind} ${g.id}: ${show(p.text, g)} (${where})`);
        continue;
      }
      tally[g.kind].found++;
      if (m.start === g.start && m.end === g.end) exactSpans++;
      else problems.push(`SPAN ${g.id}: found ${show(p.text, m)} (${where})`);
      if (m.id === g.id) tally[g.kind].correct++;
      else problems.push(`WRONG ${g.kind} ${m.id} ≠ ${g.id}: ${show(p.text, g)} (${where})`);
    }
    for (const m of mentions) {
      tally[m.kind].predicted++;
      const labelled = p.gold.some((g) => (g.kind === m.kind || g.kind === 'any') && overlaps(g, m));
      if (!labelled) {
        tally[m.kind].falseAlarms++;
        problems.push(`FALSE ALARM ${m.kind} ${m.id}: ${show(p.text, m)} (${where})`);
      }
    }
  }
  const ratio = (a: number, b: number) => (b === 0 ? '—' : (a / b).toFixed(3));
  const totalGold = tally.actor.gold + tally.agency.gold;
  console.log(`${passages.length} passages, ${totalGold} labelled mentions\n`);
  console.log('kind     precision  recall  resolution  (gold, found, predicted, false alarms)');
  for (const kind of ['actor', 'agency'] as const) {
    const t = tally[kind];
    const precision = ratio(t.predicted - t.falseAlarms, t.predicted);
    console.log(
      `${kind.padEnd(8)} ${precision.padStart(9)}  ${ratio(t.found, t.gold).padStart(6)}  ${ratio(t.correct, t.found).padStart(10)}  (${t.gold}, ${t.found}, ${t.predicted}, ${t.falseAlarms})`,
    );
  }
  console.log(`exact spans: ${exactSpans} of ${tally.actor.found + tally.agency.found} found\n`);
  for (const line of problems) console.log(line);
  if (problems.length === 0) console.log('no misses, no false alarms');
}

main();
