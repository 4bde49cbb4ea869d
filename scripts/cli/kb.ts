/**
 * `apt-lens kb [--json | --stats]`: the knowledge base for analysts' pipelines (counts, everything as JSON,
 * or how much of it is credited and attributed).
 */
import manifestFile from '../../data/kb/manifest.json';
import { loadKb } from '../../lib/kb/index';
import type { KbManifest } from '../../lib/kb/types';
import { type Command, UsageError } from './command';

/** Usage and options of `apt-lens kb`. */
export const HELP = `usage: apt-lens kb [--json | --stats]

Prints the knowledge base's version and how many actors, agencies and names it holds.

options:
  --json       print the whole knowledge base instead: {"actors": [...], "agencies": [...]}
  --stats      print its provenance: aliases credited to their coiner, sponsors attributed and by whom
  -h, --help   this help
`;

const pct = (n: number, of: number) => `${n} of ${of} (${((100 * n) / of).toFixed(1)}%)`;

/** The provenance lines of `kb --stats`: credit and attribution coverage from the manifest's counts. */
export function statsText(m: KbManifest): string {
  const c = (k: string) => m.counts[k] ?? 0;
  const rows: [string, string][] = [
    ['aliases credited to their coiner', pct(c('aliasesWithVendor'), c('aliases'))],
    [
      '  ATT&CK groups, the names ATT&CK lists',
      pct(c('attackListedAliasesWithVendor'), c('attackListedAliases')),
    ],
    ['  ATT&CK groups, every name', pct(c('attackAliasesWithVendor'), c('attackAliases'))],
    ['actors with an attributed sponsor', String(c('actorsWithAttribution'))],
    ['  attributed by a government', String(c('actorsWithGovernmentAttribution'))],
    ['  with an agency-level sponsor', String(c('actorsWithAgencySponsor'))],
    ['  agency named by a government', String(c('actorsWithAgencySponsorFromGovernment'))],
    ['attribution events', String(c('attributionEvents'))],
    ['newest attribution', m.newestAttribution ?? '-'],
    ['newest fact', m.newestFact],
  ];
  const head = `APT Lens knowledge base ${m.version} (upstream snapshot ${m.builtAt})\n`;
  return head + rows.map(([k, v]) => `  ${k.padEnd(40)} ${v}\n`).join('');
}

/** Prints the manifest counts, or with --json the whole KB ({actors, agencies}). */
export const run: Command = async (args, io) => {
  const unknown = args.filter((a) => a !== '--json' && a !== '--stats');
  if (unknown.length)
    throw new UsageError(`unexpected argument '${unknown[0]}' (usage: apt-lens kb [--json | --stats])`);
  if (args.includes('--json') && args.includes('--stats'))
    throw new UsageError('--json and --stats print different things: pick one');
  if (args.includes('--stats')) {
    io.out(statsText(manifestFile as KbManifest));
    return 0;
  }
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
