/** `apt-lens search [--json] [--limit N] QUERY`: find actors and agencies by any name, typos forgiven. */
import { loadKb } from '../../lib/kb/index';
import { createSearch } from '../../lib/kb/search';
import { type Command, UsageError } from '../cli';

const USAGE = 'usage: apt-lens search [--json] [--limit N] QUERY';

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
  const results = createSearch(loadKb())(query, limit);
  if (json) io.out(`${JSON.stringify({ query, results })}\n`);
  else
    for (const r of results)
      io.out(
        `${r.name}  [${r.kind} ${r.id}${r.country ? ` ${r.country}` : ''}]  ${r.aliases.slice(0, 6).join(', ')}\n`,
      );
  return results.length ? 0 : 1;
};
