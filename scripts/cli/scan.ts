/**
 * `apt-lens scan [--json] FILE|-`: the mention finder on a file, so its results can be checked and diffed
 * without a browser. HTML is reduced to its visible text with the content script's own extraction.
 */
import { readFile } from 'node:fs/promises';
import { Window } from 'happy-dom';
import { findMentions } from '../../lib/match/find-mentions';
import type { Mention } from '../../lib/match/types';
import { collectText } from '../../lib/page/collect';
import { type Command, UsageError } from '../cli';

/** The visible text of an HTML document, exactly as the content script would see it. */
export function htmlText(html: string): string {
  // A base URL keeps relative links parseable; nothing is ever loaded or run.
  const window = new Window({
    url: 'http://localhost/',
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
    },
  });
  try {
    // DOMParser documents never run scripts or fetch resources.
    const doc = new window.DOMParser().parseFromString(html, 'text/html');
    return collectText(doc.body as unknown as Node).text;
  } finally {
    window.happyDOM.abort();
    window.close();
  }
}

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

async function readInput(path: string, io: Parameters<Command>[1]): Promise<string> {
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
    lines.push(`${first.kind} ${first.name}${country} [${first.id}] ×${list.length}${alt}`);
    lines.push(`    ${lineContext(text, first)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs the scan subcommand. */
export const run: Command = async (args, io) => {
  let json = false;
  const files: string[] = [];
  for (const a of args) {
    if (a === '--json') json = true;
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else files.push(a);
  }
  if (files.length !== 1) throw new UsageError('usage: apt-lens scan [--json] FILE|-');
  const path = files[0]!;
  const raw = await readInput(path, io);
  const html = /\.x?html?$/i.test(path);
  const text = html ? htmlText(raw) : raw;
  const mentions = findMentions(text);
  if (json) io.out(`${JSON.stringify(html ? { text, mentions } : { mentions }, null, 2)}\n`);
  else io.out(formatMentions(text, mentions));
  return 0;
};
