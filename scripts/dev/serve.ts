import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

/** Root folders the test server exposes, by URL prefix. */
export const ROOTS: Record<string, string> = {
  demo: resolve('demo'),
  pages: resolve('tests/e2e/pages'),
  corpus: resolve('../shared/corpus/news-pages'),
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** A static file server on 127.0.0.1 only: the e2e tests never touch another address. */
export interface TestServer {
  origin: string;
  close(): Promise<void>;
}

/** Starts the server on a free loopback port. */
export async function startServer(): Promise<TestServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, prefix = '', ...rest] = url.pathname.split('/');
    const root = ROOTS[prefix];
    const file = root ? normalize(join(root, decodeURIComponent(rest.join('/')) || 'index.html')) : '';
    if (!root || !file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers: Record<string, string> = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    };
    // Saved real pages must not run their own scripts: they would change the DOM from load to load.
    // Extension content scripts are exempt from a page's CSP, so APT Lens still runs.
    if (prefix === 'corpus') headers['content-security-policy'] = "script-src 'none'";
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  // Node closes an idle keep-alive connection after 5 s by default; a browser that sends its next request on
  // that connection as it closes gets a network error page (Firefox's BiDi reports "Address rejected"). The
  // browser's own idle timeout (Firefox 115 s, Chromium 300 s) must end a connection, never the server's.
  server.keepAliveTimeout = 10 * 60_000;
  server.headersTimeout = 10 * 60_000 + 1000;
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
