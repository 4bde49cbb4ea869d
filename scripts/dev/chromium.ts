import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** A Chromium with the built extension loaded, and what tests need to drive it. */
export interface ChromiumSession {
  context: BrowserContext;
  extensionId: string;
  /** Errors logged by the extension (content script, pages, service worker). */
  extensionErrors: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The timing build (`npm run build:timing`): the shipped code plus the content script's
 * performance marks, which tests and benches wait on. The shipped build is `.output/chrome-mv3`.
 */
export const CHROME_TIMING_BUILD = '.output/chrome-mv3-timing';

/**
 * Launches Chromium with the timing build (or `extDir`), offline but for 127.0.0.1. `alsoLoad` adds
 * extensions without a service worker (bench:page's reference extensions), so `extensionId` stays the first's.
 */
export async function launchChromium(
  options: {
    extDir?: string;
    alsoLoad?: string[];
    headless?: boolean;
    /** A profile folder to use and keep (a later launch on it is the same browser restarted). */
    profile?: string;
  } = {},
): Promise<ChromiumSession> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install the Debian package "chromium" (apt-get install -y chromium)`,
    );
  }
  const ext = resolve(options.extDir ?? CHROME_TIMING_BUILD);
  if (!existsSync(join(ext, 'manifest.json')))
    throw new Error(
      `No built extension at ${ext}: run npm run build first (it writes the shipped and the timing builds)`,
    );
  const load = [ext, ...(options.alsoLoad ?? []).map((d) => resolve(d))].join(',');
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'apt-lens-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    viewport: { width: 1100, height: 900 },
    args: [
      `--disable-extensions-except=${load}`,
      `--load-extension=${load}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  await context.route(
    (url) => url.hostname !== '127.0.0.1' && (url.protocol === 'http:' || url.protocol === 'https:'),
    (route) => route.abort(),
  );
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(sw.url()).host;
  const extensionErrors: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (msg) => {
      // Saved pages may reference other extensions' files; only ours counts.
      const where = msg.location().url ?? '';
      if (msg.type() === 'error' && where.startsWith(`chrome-extension://${extensionId}/`)) {
        extensionErrors.push(msg.text());
      }
    });
    page.on('pageerror', (err) => {
      if (String(err.stack).includes(`chrome-extension://${extensionId}/`)) extensionErrors.push(String(err));
    });
  };
  context.on('page', watch);
  return {
    context,
    extensionId,
    extensionErrors,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      if (!options.profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}
