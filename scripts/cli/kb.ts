/** `apt-lens kb [--json]`: the knowledge base for analysts' pipelines (counts, or everything as JSON). */
import manifestFile from '../../lib/kb/data/manifest.json';
import { loadKb } from '../../lib/kb/index';
import type { KbManifest } from '../../lib/kb/types';
import { type Command, UsageError } from './command';

/** Usage and options of `apt-lens kb`. */
export const HELP = `usage: apt-lens kb [--json]

Prints the knowledge base's version and how many actors, agencies and names it holds.

options:
  --json       print the whole knowledge base instead: {"actors": [...], "agencies": [...]}
  -h, --help   this help
`;

/** Prints the manifest counts, or with --json the whole KB ({actors, agencies}). */
export const run: Command = async (args, io) => {
  const unknown = args.filter((a) => a !== '--json');
  if (unknown.length)
    throw new UsageError(`unexpected argument '${unknown[0]}' (usage: apt-lens kb [--json])`);
  if (args.includes('--json')) {
    const kb = loadKb();
    io.out(`${JSON.stringify({ actors: kb.actors, agencies: kb.agencies })}\n`);
    return 0;
  }
  const m = manifestFile as KbManifest;
  io.out(`APT Lens knowledge base ${m.version} (upstream snapshot ${m.builtAt})\n`);
  for (const [k, v] of Object.entries(m.counts)) io.out(`  ${k.padEnd(24)} ${v}\n`);
  return 0;
};
