/**
 * The real TAXII 2.1 test server (medallion, `../shared/tools/taxii-server`) started on a free 127.0.0.1
 * port with a config and data written for the test: one API root `team` with a collection the account reads
 * and writes (`shared`), one it only reads (`names`) and one it only writes (`drop`). Tests that need it skip
 * with a clear message when `../shared` or Debian's Python packages are absent.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
/** The server's launcher beside the repository. */
export const TAXII_SERVER = join(root, '..', 'shared', 'tools', 'taxii-server');

/** Why the server cannot run here, or undefined when it can. */
export function taxiiServerMissing(): string | undefined {
  if (!existsSync(TAXII_SERVER)) return `${TAXII_SERVER} is absent (../shared sits beside the repo)`;
  try {
    execFileSync(
      '/usr/bin/python3',
      ['-c', 'import flask, flask_httpauth, appdirs, pytz, six, attr, jsonschema, packaging'],
      {
        stdio: 'ignore',
      },
    );
  } catch {
    return "Debian's python3-flask, python3-flask-httpauth and friends are not installed (see .ci/run)";
  }
  return undefined;
}

export const USER = 'analyst';
export const PASSWORD = 'change-me';
export const SHARED = '8c2a3f1e-2b6a-4f39-9d0c-5c1f6a0b7e11';
export const NAMES = '1d6c37a0-5e1b-4c59-8a57-2f4b1f0f9c22';
export const DROP = '5b7e3c11-9f2d-4a0e-b8c4-3e6a2d1c4f33';

/** A running server: its discovery URL, API root URL, and how to stop it. */
export interface RunningTaxii {
  port: number;
  discovery: string;
  apiRoot: string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? ok(a.port) : fail(new Error('no port'))));
    });
  });
}

const collection = (id: string, title: string, can_read: boolean, can_write: boolean) => ({
  id,
  title,
  description: `${title} (test)`,
  can_read,
  can_write,
  media_types: ['application/stix+json;version=2.1'],
  objects: [],
  manifest: [],
});

/** Starts the server (`maxContentLength` for the API root, `maxPageSize` for pages); `port` when it must be fixed. */
export async function startTaxii(
  opts: { maxContentLength?: number; maxPageSize?: number; port?: number } = {},
): Promise<RunningTaxii> {
  const port = opts.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'apt-lens-taxii-'));
  const base = `http://127.0.0.1:${port}`;
  const data = {
    '/discovery': {
      title: 'Team TAXII server (test)',
      description: 'One API root with collections the team reads and writes.',
      default: `${base}/team/`,
      api_roots: [`${base}/team/`],
    },
    team: {
      information: {
        title: 'Team',
        description: 'Shared threat-intelligence collections',
        versions: ['application/taxii+json;version=2.1'],
        max_content_length: opts.maxContentLength ?? 10_485_760,
      },
      status: [],
      collections: [
        collection(SHARED, 'Shared reports', true, true),
        collection(NAMES, 'Team names', true, false),
        collection(DROP, 'Drop box', false, true),
      ],
    },
  };
  writeFileSync(join(dir, 'data.json'), JSON.stringify(data));
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      backend: { module_class: 'MemoryBackend', filename: join(dir, 'data.json') },
      users: { [USER]: PASSWORD },
      taxii: { max_page_size: opts.maxPageSize ?? 100 },
    }),
  );
  const child: ChildProcess = spawn(TAXII_SERVER, [join(dir, 'config.json'), String(port)], {
    cwd: dir,
    stdio: ['ignore', 'ignore', process.env.TAXII_LOG ? 'inherit' : 'pipe'],
  });
  /** Exited, or killed by a signal (then `exitCode` stays null). */
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  let log = '';
  child.stderr?.on('data', (d) => {
    log = (log + String(d)).slice(-4000);
  });
  const auth = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
  const end = Date.now() + 20_000;
  for (;;) {
    if (exited()) throw new Error(`taxii-server exited (${child.exitCode}): ${log}`);
    try {
      const r = await fetch(`${base}/taxii2/`, {
        headers: { Accept: 'application/taxii+json;version=2.1', Authorization: auth },
      });
      if (r.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > end) {
      child.kill();
      throw new Error(`taxii-server did not start: ${log}`);
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  return {
    port,
    discovery: `${base}/taxii2/`,
    apiRoot: `${base}/team/`,
    stop: () =>
      new Promise<void>((ok) => {
        if (exited()) {
          rmSync(dir, { recursive: true, force: true });
          ok();
          return;
        }
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          ok();
        });
        child.kill();
      }),
  };
}
