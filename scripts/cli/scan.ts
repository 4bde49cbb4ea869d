/**
 * `apt-lens scan [--json] FILE|DIR|- ...`: the mention finder on files, so its results can be checked and
 * diffed without a browser. HTML is reduced to its visible text with the content script's own extraction
 * (./html-text.ts, loaded only when an input is HTML).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { findMentions } from '../../lib/match/find-mentions';
import type { Mention } from '../../lib/match/types';
import { type CliIo, type Command, UsageError } from './command';

/** Usage and options of `apt-lens scan`. */
export const HELP = `usage: apt-lens scan [--json] FILE|DIR|- ...

Finds actor and agency mentions in text and HTML files (.html, .htm and .xhtml are reduced to their
visible text first). A folder is searched recursively for .txt, .text, .md, .html, .htm and .xhtml
files; - reads standard input. A file that cannot be read is reported on stderr and the others are
still scanned (exit status 2 at the end).

options:
  --json       one input: {"mentions": [...]} (plus "text" for HTML: the offsets point into it);
               several inputs: JSON Lines, one {"file", "mentions", ["text"]} object per file
  -h, --help   this help

Each mention: {"start", "end", "text" (as written), "kind", "id", "name", "country", "candidates",
"confidence"}. With several inputs and a terminal on stderr, a progress line is drawn there.
`;

/** Extensions a folder walk picks up; anything else in a folder is not a document to scan. */
const TEXT_FILE = /\.(txt|text|md|x?html?)$/i;

/** Binary files hold NUL bytes or are not UTF-8 at all; scanning them would only print noise. */
function isBinary(bytes: Buffer): boolean {
  if (bytes.subarray(0, 8000).includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

async function readInput(path: string, io: CliIo): Promise<string> {
  if (path === '-') return io.readStdin();
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path} (${code})`);
  }
  if (isBinary(bytes)) throw new UsageError(`${path} looks binary; scan reads text or HTML`);
  return bytes.toString('utf8');
}

function lineContext(text: string, m: Mention): string {
  const from = Math.max(text.lastIndexOf('\n', m.start) + 1, m.start - 50);
  let to = text.indexOf('\n', m.end);
  if (to < 0 || to > m.end + 50) to = Math.min(text.length, m.end + 50);
  return `${text.slice(from, m.start)}[${m.text}]${text.slice(m.end, to)}`.replace(/\s+/g, ' ').trim();
}

/** The readable report: one line per entity, with its count and the first place it appears. */
export function formatMentions(text: string, mentions: readonly Mention[]): string {
  if (mentions.length === 0) return 'no mentions found\n';
  const byId = new Map<string, Mention[]>();
  for (const m of mentions) byId.set(`${m.kind}:${m.id}`, [...(byId.get(`${m.kind}:${m.id}`) ?? []), m]);
  const lines: string[] = [];
  for (const list of byId.values()) {
    const first = list[0]!;
    const country = first.country ? ` (${first.country})` : '';
    const alt = first.candidates ? ` — could also be: ${first.candidates.slice(1).join(', ')}` : '';
    const written = [...new Set(list.map((m) => m.text))].map((t) => `"${t}"`).join(', ');
    lines.push(`${first.kind} ${first.name}${country} [${first.id}] ×${list.length} as ${written}${alt}`);
    lines.push(`    ${lineContext(text, first)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Files under a folder that look like documents, sorted so runs are repeatable; dot folders are skipped. */
async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(path)));
    else if (e.isFile() && TEXT_FILE.test(e.name)) out.push(path);
  }
  return out;
}

/** The inputs as files: folders expanded, files and - kept as given. */
async function expand(inputs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    if (input === '-') {
      out.push(input);
      continue;
    }
    const info = await stat(input).catch(() => undefined);
    if (info?.isDirectory()) out.push(...(await walk(input)));
    else out.push(input);
  }
  return out;
}

/** One input scanned: HTML reduced to its visible text first. */
async function scanOne(path: string, io: CliIo) {
  const raw = await readInput(path, io);
  const html = /\.x?html?$/i.test(path);
  // The DOM takes longer to load than the rest of the command: only HTML pays for it.
  const text = html ? (await import('./html-text')).htmlText(raw) : raw;
  return { text, html, mentions: findMentions(text) };
}

/** Runs the scan subcommand. */
export const run: Command = async (args, io) => {
  let json = false;
  const inputs: string[] = [];
  for (const a of args) {
    if (a === '--json') json = true;
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else inputs.push(a);
  }
  if (inputs.length === 0) throw new UsageError('missing FILE\nusage: apt-lens scan [--json] FILE|DIR|- ...');
  if (inputs.filter((a) => a === '-').length > 1)
    throw new UsageError('- (standard input) can be given once');
  const files = await expand(inputs);
  if (inputs.length === 1 && files.length === 1 && files[0] === inputs[0]) {
    const path = files[0]!;
    const { text, html, mentions } = await scanOne(path, io);
    if (json) io.out(`${JSON.stringify(html ? { text, mentions } : { mentions }, null, 2)}\n`);
    else io.out(formatMentions(text, mentions));
    return 0;
  }
  const progress = io.errIsTty ? (t: string) => io.err(`\r\x1b[K${t}`) : () => {};
  let failed = 0;
  for (const [i, path] of files.entries()) {
    progress(`scanning ${i + 1}/${files.length} ${path}`);
    let result: Awaited<ReturnType<typeof scanOne>>;
    try {
      result = await scanOne(path, io);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      progress('');
      io.err(`apt-lens scan: ${e.message}\n`);
      failed++;
      continue;
    }
    const { text, html, mentions } = result;
    const file = path === '-' ? '(stdin)' : path;
    if (json) io.out(`${JSON.stringify(html ? { file, mentions, text } : { file, mentions })}\n`);
    else io.out(`== ${file}\n${formatMentions(text, mentions)}`);
  }
  progress('');
  if (files.length === 0) io.err('apt-lens scan: no .txt, .md or .html files in the folders given\n');
  return failed || files.length === 0 ? 2 : 0;
};
