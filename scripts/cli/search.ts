/** `apt-lens search [--json] [--limit N] QUERY`: find actors and agencies by any name, typos forgiven. */
import type { SearchResult } from '../../lib/kb/search';
import { type Command, UsageError } from './command';
import { cliSearch } from './search-index';

const USAGE = 'usage: apt-lens search [--json] [--limit N] QUERY';

/** Usage and options of `apt-lens search`. */
export const HELP = `${USAGE}

Finds actors and agencies by their name or any alias, abbreviation or native name; case, spacing,
diacritics and small typos do not matter. Best matches first; exit status 1 when nothing matches.

options:
  --json       print {"query", "results": [{"id", "kind", "name", "matched", "tier", "country", "aliases", "score"}]}
  --limit N    at most N results (default 10)
  -h, --help   this help
`;

/** One readable line: the entity, the name the query matched when it is another one, and a few aliases. */
export function formatResult(r: SearchResult): string {
  const where = `[${r.kind} ${r.id}${r.country ? ` ${r.country}` : ''}]`;
  const matched = r.matched !== r.name ? `  matched "${r.matched}"` : '';
  const others = r.aliases.filter((a) => a !== r.matched).slice(0, 6);
  return `${r.name}  ${where}${matched}${others.length ? `  also: ${others.join(', ')}` : ''}\n`;
}

/** Prints the best matches first; exit 1 when nothing matches. */
export const run: Command = async (args, io) => {
  let json = false;
  let limit = 10;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--limit') {
      limit = Number(args[++i]);
      if (!Number.isInteger(limit) || limit < 1)
        throw new UsageError(`--limit needs a positive whole number\n${USAGE}`);
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'\n${USAGE}`);
    else words.push(a);
  }
  const query = words.join(' ').trim();
  if (!query) throw new UsageError(`missing QUERY\n${USAGE}`);
  const results = cliSearch()(query, limit);
  if (json) io.out(`${JSON.stringify({ query, results })}\n`);
  else if (results.length === 0) io.err(`apt-lens search: no actor or agency matches "${query}"\n`);
  else for (const r of results) io.out(formatResult(r));
  return results.length ? 0 : 1;
};
