/** What every `apt-lens` subcommand shares with the dispatcher (scripts/cli.ts), kept apart so neither imports the other. */
/** A subcommand: gets its own arguments and streams, returns the exit code. */
export type Command = (args: string[], io: CliIo) => Promise<number>;

/** Where a command writes; tests pass buffers. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Reads standard input whole (for `-`). */
  readStdin: () => Promise<string>;
  /** True when stderr is a terminal: only then do long runs draw a progress line there. */
  errIsTty?: boolean;
}

/** Thrown for bad input; main() prints it and exits 2. */
export class UsageError extends Error {}
