/**
 * The `apt-lens` command: one binary, one module per subcommand under scripts/cli/.
 * Exit codes: 0 success, 1 nothing found or a failed operation, 2 bad input (usage, unreadable file).
 */
import pkg from '../package.json';
import { type CliIo, type Command, UsageError } from './cli/command';

export type { CliIo, Command } from './cli/command';
export { UsageError } from './cli/command';

const USAGE = `usage: apt-lens <command> [options]

commands:
  kb [--json]                          print the knowledge base (counts, or all of it as JSON)
  search [--json] [--limit N] QUERY    find actors and agencies by any name, typos forgiven
  scan [--json] FILE|DIR|- ...         find actor and agency mentions in text and HTML files

options:
  -h, --help       this help; \`apt-lens <command> --help\` describes one command
  -v, --version    print the version
`;

interface CommandModule {
  run: Command;
  /** The command's usage and every option, printed by `apt-lens <command> --help`. */
  HELP: string;
}

const commands: Record<string, () => Promise<CommandModule>> = {
  kb: () => import('./cli/kb.ts'),
  search: () => import('./cli/search.ts'),
  scan: () => import('./cli/scan.ts'),
};

const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  errIsTty: process.stderr.isTTY === true,
};

/**
 * A reader that stops early (`apt-lens kb --json | head`) closes the pipe: the rest of the output has no one
 * to go to, so the command ends quietly instead of dying on EPIPE with a stack trace.
 */
function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}

const isHelp = (a: string) => a === '--help' || a === '-h';

/** Entry point shared by bin/apt-lens.mjs and the tests. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  if (io === processIo) endQuietlyOnClosedPipe();
  const [name, ...rest] = argv;
  if (!name || isHelp(name) || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic && commands[topic]) {
      io.out((await commands[topic]()).HELP);
      return 0;
    }
    (name ? io.out : io.err)(USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(`apt-lens ${pkg.version}\n`);
    return 0;
  }
  const load = commands[name];
  if (!load) {
    io.err(`apt-lens: unknown command '${name}'\n${USAGE}`);
    return 2;
  }
  const command = await load();
  if (rest.some(isHelp)) {
    io.out(command.HELP);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`apt-lens ${name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
