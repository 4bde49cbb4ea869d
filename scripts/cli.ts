/**
 * The `apt-lens` command: one binary, one module per subcommand under scripts/cli/.
 * Exit codes: 0 success, 1 nothing found or a failed operation, 2 bad input (usage, unreadable file).
 */

/** A subcommand: gets its own arguments and streams, returns the exit code. */
export type Command = (args: string[], io: CliIo) => Promise<number>;

/** Where a command writes; tests pass buffers. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Reads standard input whole (for `-`). */
  readStdin: () => Promise<string>;
}

/** Thrown for bad input; main() prints it and exits 2. */
export class UsageError extends Error {}

const USAGE = `usage: apt-lens <command> [options]

commands:
  kb [--json]                 print the knowledge base (counts, or all of it as JSON)
  search [--json] QUERY       find actors and agencies by any name, typos forgiven
  scan [--json] FILE|-        find actor and agency mentions in a text or HTML file
`;

const commands: Record<string, () => Promise<{ run: Command }>> = {
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
};

/** Entry point shared by bin/apt-lens.mjs and the tests. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    (name ? io.out : io.err)(USAGE);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    io.err(`apt-lens: unknown command '${name}'\n${USAGE}`);
    return 2;
  }
  try {
    const { run } = await load();
    return await run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`apt-lens ${name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
